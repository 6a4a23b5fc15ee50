// 大字号 · 高对比模式开关（适老化 / 无障碍）：只改本页的样式，选择存于本浏览器的 localStorage，
// 不向任何地址发请求。
(function () {
  var KEY = "govreview-care";
  var root = document.documentElement;
  function show(on) {
    root.classList.toggle("govreview-care", on);
    document.querySelectorAll("[data-govreview-care]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function saved() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  show(saved());
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-govreview-care]");
    if (!button) return;
    var on = !root.classList.contains("govreview-care");
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* 隐私模式：仅本页生效 */ }
    show(on);
  });
})();

// 简繁切换：转到另一种字形的同一页时，带上本页的查询串和锚点（如搜索词、章节位置）。
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-govreview-lang]");
    if (!link || (!location.search && !location.hash)) return;
    var url = new URL(link.getAttribute("href"), location.href);
    url.search = location.search;
    url.hash = location.hash;
    link.setAttribute("href", url.href);
  });
})();
