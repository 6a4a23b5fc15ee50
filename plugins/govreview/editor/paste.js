/* Pasting from WPS/Word into a page's body (issue 17; ). Written beside index.html by
 * `govreview editor build`, loaded after decap-cms.js, turndown.js and turndown-plugin-gfm.js.
 *
 * Decap's markdown widget turns pasted HTML into its own rich text: a table loses its rows and
 * cells (each cell becomes a paragraph), a picture Word or WPS points at on the editor's disk
 * (file:///C:/Users/…/clip_image001.png) is dropped without a word, and a picture carried as a
 * data: URI stays inside the text, where no attachment check (seals, R-20) ever sees it.
 *
 * This script wraps the markdown widget. When a paste carries a table or a picture:
 *  - the HTML becomes Markdown with turndown and its GFM tables (a table without a heading row
 *    takes its first row as the heading, as Word and WPS tables are written);
 *  - every picture the browser can read (a data: URI, or the clipboard's own image file standing
 *    in for a local path) is handed to Decap's own media handling: it is saved beside the page in
 *    the same pull request and screened as an attachment, and the Markdown links its file name;
 *  - a picture the browser cannot read (a path on the editor's computer) leaves no link at all,
 *    and the editor is told, in Chinese, which picture to upload with the image button.
 * Everything else pasted is left to Decap. The gate blocks any data: URI or local path that
 * reaches a page anyway (core/screen.py: data-uri, local-path).
 */
(function () {
  "use strict";
  var TEXT = __TEXT__;
  var CMS = window.CMS;
  var h = window.h;
  var Turndown = window.TurndownService;
  var gfm = window.turndownPluginGfm;
  var markdown = CMS && CMS.getWidget("markdown");
  if (!markdown || !h || !window.createClass || !Turndown || !gfm) {
    console.error("govreview: the paste helper cannot start (Decap, turndown or its GFM plugin is missing)");
    return;
  }
  var TYPES = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/bmp": "bmp" };
  var counter = 0;

  function say(template, params) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in params ? params[key] : all; });
  }

  function stamp() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return "" + d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate()) + "-" + two(d.getHours()) + two(d.getMinutes()) + two(d.getSeconds());
  }

  function fileName(src) {
    var last = String(src).split(/[\\/]/).pop() || "";
    try { last = decodeURIComponent(last); } catch (e) { /* keep it as written */ }
    return last;
  }

  /* Word and WPS write a table's heading as an ordinary first row: make it a heading row, so
   * the GFM rule writes a pipe table without an empty heading above it. */
  function headFirstRows(body) {
    Array.prototype.forEach.call(body.querySelectorAll("table"), function (table) {
      if (table.querySelector("th, thead") || !table.rows.length) { return; }
      Array.prototype.slice.call(table.rows[0].cells).forEach(function (cell) {
        var th = cell.ownerDocument.createElement("th");
        Array.prototype.slice.call(cell.attributes).forEach(function (a) { th.setAttribute(a.name, a.value); });
        while (cell.firstChild) { th.appendChild(cell.firstChild); }
        cell.parentNode.replaceChild(th, cell);
      });
    });
  }

  /* HTML → Markdown; each <img> becomes a token whose picture is settled afterwards. */
  function toMarkdown(html, pictures) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    headFirstRows(doc.body);
    var service = new Turndown({ headingStyle: "atx", bulletListMarker: "-", codeBlockStyle: "fenced", emDelimiter: "*" });
    service.use([gfm.tables, gfm.strikethrough]);
    service.remove(["style", "script", "meta", "link", "title", "xml"]);
    service.addRule("govreviewPicture", {
      filter: "img",
      replacement: function (content, node) {
        pictures.push({ src: (node.getAttribute("src") || "").trim(), alt: (node.getAttribute("alt") || "").replace(/[\[\]\n]/g, " ").trim() });
        return "GOVREVIEWPICTURE" + (pictures.length - 1) + "END";
      },
    });
    return service.turndown(doc.body);
  }

  function dataFile(src, n) {
    return fetch(src).then(function (r) { return r.blob(); }).then(function (blob) {
      return new File([blob], "paste-" + stamp() + "-" + n + "." + (TYPES[blob.type] || "png"), { type: blob.type || "image/png" });
    });
  }

  function clipboardFile(file, n) {
    return new File([file], "paste-" + stamp() + "-" + n + "." + (TYPES[file.type] || "png"), { type: file.type || "image/png" });
  }

  var Control = window.createClass({
    getInitialState: function () { return { generation: 0, notes: [] }; },

    onPaste: function (event) {
      var data = event.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html") || "";
      var files = Array.prototype.filter.call(data.files || [], function (f) { return /^image\//.test(f.type); });
      if (!/<(table|img)\b/i.test(html) && !(files.length && !html)) { return; } // Decap's own paste
      event.preventDefault();
      event.stopPropagation();
      var marker = "GOVREVIEWPASTE" + Date.now() + "X" + (++counter);
      document.execCommand("insertText", false, marker); // where the cursor is: replaced below
      var self = this;
      this.convert(html, files).then(function (result) {
        self.place(marker, result.markdown, 0);
        self.setState({ notes: result.notes });
      }, function (err) {
        console.error(err);
        self.place(marker, "", 0);
        self.setState({ notes: [TEXT.failed] });
      });
    },

    convert: function (html, files) {
      var props = this.props;
      var pictures = [];
      var md = html ? toMarkdown(html, pictures) : "";
      if (!html) {
        files.forEach(function () { pictures.push({ src: "", alt: "", file: true }); });
        md = pictures.map(function (p, i) { return "GOVREVIEWPICTURE" + i + "END"; }).join("\n\n");
      }
      var readable = function (p) { return /^data:image\//i.test(p.src) || /^https?:/i.test(p.src) || /^blob:/i.test(p.src); };
      var local = pictures.filter(function (p) { return !p.file && !readable(p); });
      // The clipboard's picture stands in for a local path only when there is one for each:
      // otherwise it is the rendering of the whole selection, not the picture.
      var standIns = !html ? files : local.length === files.length ? files : [];
      var notes = [];
      var n = 0;
      var used = 0;
      var settled = pictures.map(function (p) {
        var file = null;
        if (p.file || !readable(p)) {
          if (used < standIns.length) {
            file = Promise.resolve(clipboardFile(standIns[used++], ++n));
          } else {
            notes.push(say(TEXT.unreadable, { name: fileName(p.src) || TEXT.unnamed, n: local.indexOf(p) + 1 }));
            return Promise.resolve("");
          }
        } else if (/^https?:/i.test(p.src)) {
          return Promise.resolve("![" + p.alt + "](" + p.src + ")");
        } else {
          file = dataFile(p.src, ++n);
        }
        return file.then(function (f) {
          return Promise.resolve(props.onPersistMedia(f, { field: props.field })).then(function () {
            return "![" + p.alt + "](" + f.name.toLowerCase() + ")";
          });
        });
      });
      return Promise.all(settled).then(function (links) {
        var out = md.replace(/GOVREVIEWPICTURE(\d+)END/g, function (all, i) { return links[Number(i)]; });
        out = out.replace(/\n{3,}/g, "\n\n").trim();
        if (notes.length) { notes.unshift(TEXT.heading); }
        return { markdown: out, notes: notes };
      });
    },

    /* Replace the marker in the saved Markdown and show the page again from it. */
    place: function (marker, md, tries) {
      var self = this;
      var value = String(this.props.value || "");
      var at = value.indexOf(marker);
      if (at < 0 && tries < 40) {
        setTimeout(function () { self.place(marker, md, tries + 1); }, 50);
        return;
      }
      var next;
      if (at < 0) {
        next = md ? value.replace(/\s*$/, value.trim() ? "\n\n" : "") + md + "\n" : value;
      } else {
        var start = value.lastIndexOf("\n", at) + 1;
        var end = value.indexOf("\n", at);
        if (end < 0) { end = value.length; }
        var before = value.slice(start, at).replace(/\s+$/, "");
        var after = value.slice(at + marker.length, end).replace(/^\s+/, "");
        var block = [before, md, after].filter(function (s) { return s; }).join("\n\n");
        next = value.slice(0, start) + block + value.slice(end);
        if (!md && !before && !after) { next = value.slice(0, start) + value.slice(Math.min(end + 1, value.length)); }
      }
      this.props.onChange(next);
      this.setState({ generation: this.state.generation + 1 });
    },

    render: function () {
      var props = Object.assign({}, this.props, { key: "g" + this.state.generation });
      var children = [];
      if (this.state.notes.length) {
        children.push(h("div", {
          key: "notes",
          role: "alert",
          "data-govreview-paste": "notes",
          style: { border: "1px solid #d4380d", background: "#fff2e8", color: "#871400", padding: "8px 12px", margin: "0 0 8px", borderRadius: "4px", lineHeight: "1.6" },
        }, this.state.notes.map(function (t, i) { return h("div", { key: i }, t); })));
      }
      children.push(h(markdown.control, props));
      return h("div", { onPasteCapture: this.onPaste }, children);
    },
  });

  CMS.registerWidget("markdown", Control, markdown.preview, markdown.schema);
})();
