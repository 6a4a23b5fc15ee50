// Drives Debian's chromium (puppeteer-core, no browser download) through the built example
// site served on 127.0.0.1: axe-core (WCAG 2.1 A + AA) on each page, every request the
// pages make, screenshots, and the large-text/high-contrast toggle. Run by
// tests/test_portal_browser.py:  node tests/portal_browser.mjs PLAN.json  (prints a JSON report)
import { launchQuiet } from "./chromium_quiet.mjs";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const browser = await launchQuiet(plan, ["--hide-scrollbars"]);

const report = { pages: [] };
try {
  for (const visit of plan.pages) {
    const page = await browser.newPage();
    await page.setViewport({ width: visit.width, height: visit.height });
    await page.setCacheEnabled(false);
    const requests = [];
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      requests.push(url);
      // Counted, and never let out: a request beyond 127.0.0.1 fails the test, it is not sent.
      if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url) || url.startsWith("data:") || url.startsWith("blob:")) {
        request.continue();
      } else {
        request.abort();
      }
    });
    const failed = []; // what the page asked for and did not get (its own 404 document aside)
    page.on("response", (answer) => {
      if (answer.status() >= 400 && !(visit.expectStatus === answer.status() && answer.url() === plan.base + visit.path)) {
        failed.push(`${answer.status()} ${answer.url()}`);
      }
    });
    page.on("requestfailed", (request) => {
      if (/^https?:\/\/127\.0\.0\.1[:/]/.test(request.url())) failed.push(`failed ${request.url()}`);
    });
    const response = await page.goto(plan.base + visit.path, { waitUntil: "networkidle0" });
    const entry = { name: visit.name, path: visit.path, status: response ? response.status() : 0 };
    if (visit.care) {
      // The toggle: on, kept across a reload (localStorage), then measured in that mode.
      await page.click("[data-govreview-care]");
      await page.reload({ waitUntil: "networkidle0" });
      entry.care = await page.evaluate(() => ({
        on: document.documentElement.classList.contains("govreview-care"),
        pressed: document.querySelector("[data-govreview-care]").getAttribute("aria-pressed"),
        stored: localStorage.getItem("govreview-care"),
        fontSize: getComputedStyle(document.documentElement).fontSize,
      }));
    } else {
      entry.fontSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    }
    entry.activeTab = await page.evaluate(() => {
      const tab = document.querySelector(".md-tabs__item--active");
      return tab ? tab.textContent.trim() : null;
    });
    entry.breadcrumb = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".govreview-breadcrumb li")).map((li) => li.textContent.trim()),
    );
    entry.footer = await page.evaluate(() => {
      const footer = document.querySelector("footer");
      return footer ? footer.innerText : "";
    });
    entry.text = await page.evaluate(() => document.body.innerText);
    // 简繁 switch: where it leads (absolute) and the page's language
    entry.lang = await page.evaluate(() => document.documentElement.lang);
    entry.switch = await page.evaluate(() => {
      const link = document.querySelector("a[data-govreview-lang]");
      return link ? { href: link.href, text: link.textContent.trim() } : null;
    });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
    entry.violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
    entry.passes = result.passes.length;
    const shot = path.join(plan.screenshots, `${visit.name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    entry.screenshot = shot;
    entry.requests = requests;
    entry.failed = failed;
    report.pages.push(entry);
    await page.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
