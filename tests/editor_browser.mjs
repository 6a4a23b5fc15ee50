// Opens the admin app written by `govreview editor build` in Debian's chromium (puppeteer-core,
// no browser download), served on 127.0.0.1. Run by tests/test_editor_browser.py:
//   node tests/editor_browser.mjs PLAN.json   (prints a JSON report)
// Two visits: without a login (Decap's login page), and with a token in the browser's storage,
// the GitHub API answered here from plan.github (path -> JSON) so no request leaves 127.0.0.1.
import { answerCanned } from "./canned_github.mjs";
import { launchQuiet } from "./chromium_quiet.mjs";
import fs from "node:fs";
import path from "node:path";


const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

const browser = await launchQuiet(plan);

async function visit(name, user, hash, waitFor) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const requests = [];
  const api = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    requests.push(request.url());
    const call = answerCanned(request, plan);
    if (call) api.push(call);
  });
  const errors = [];
  page.on("pageerror", (err) => errors.push(String(err)));
  if (user) {
    // The OAuth relay's pop-up would leave the token here; the test puts it there itself.
    await page.evaluateOnNewDocument((stored) => {
      window.localStorage.setItem("decap-cms-user", JSON.stringify(stored));
    }, user);
  }
  await page.goto(plan.base + "/index.html" + hash, { waitUntil: "load" });
  let found = true;
  try {
    await page.waitForFunction((text) => document.body.innerText.includes(text), { timeout: 60000 }, waitFor);
  } catch {
    found = false;
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const shot = path.join(plan.screenshots, `${name}.png`);
  await page.screenshot({ path: shot });
  const text = await page.evaluate(() => document.body.innerText);
  const hidden = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-govreview-r04]")).map((el) => (el.textContent || "").trim()),
  );
  await page.close();
  return { name, found, text, requests, api, errors, hidden, screenshot: shot };
}

const report = { visits: [] };
try {
  report.visits.push(await visit("login", null, "", plan.loginText));
  report.visits.push(await visit("collections", plan.user, "#/collections/news", plan.collectionsText));
  report.visits.push(await visit("workflow", plan.user, "#/workflow", plan.workflowText));
  report.visits.push(await visit("new-entry", plan.user, "#/collections/policies/new", plan.newEntryText));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
