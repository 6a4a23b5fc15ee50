// An editor's whole round in the admin app written by `govreview editor build`, in Debian's
// chromium (puppeteer-core), against tests/fakegithub.py serving Decap's GitHub backend on
// 127.0.0.1. Run by tests/test_editor_flow_browser.py:  node tests/editor_flow_browser.mjs PLAN.json
// It opens a column, starts a new item, fills the policy's fields (text, date, a select, the body),
// saves (Decap opens the pull request), sets the status to "in review", and prints a JSON report:
// every request the page made (none may leave 127.0.0.1: they are not let out), every API answer
// with its status, page errors, the publish controls the R-04 script hid, and screenshots.
import { launchQuiet } from "./chromium_quiet.mjs";
import fs from "node:fs";
import path from "node:path";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const report = { steps: [], requests: [], api: [], errors: [], consoleErrors: [], hidden: [], visiblePublish: [] };
const browser = await launchQuiet(plan);

function step(name, extra = {}) {
  report.steps.push({ name, at: Date.now(), ...extra });
}

async function shot(page, name) {
  const file = path.join(plan.screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

async function waitText(page, text, timeout = 30000) {
  await page.waitForFunction((t) => document.body.innerText.includes(t), { timeout }, text);
}

// The id of the input a field's label points at (Decap labels every control with `for`).
async function fieldId(page, label) {
  return page.evaluate((wanted) => {
    const labels = Array.from(document.querySelectorAll("label"));
    const hit = labels.find((l) => (l.textContent || "").trim().startsWith(wanted) && l.htmlFor);
    return hit ? hit.htmlFor : null;
  }, label);
}

// React keeps its own copy of an input's value: set it through the native setter, then tell React.
async function setValue(page, id, value) {
  await page.evaluate(
    (i, v) => {
      const el = document.getElementById(i);
      const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      Object.getOwnPropertyDescriptor(proto, "value").set.call(el, v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      el.dispatchEvent(new Event("blur", { bubbles: true }));
    },
    id,
    value,
  );
}

// Click the visible element reading exactly `text` (waiting for it: Decap renders in steps).
async function clickText(page, selector, text, timeout = 30000) {
  const find = (sel, t) =>
    Array.from(document.querySelectorAll(sel)).find((el) => (el.textContent || "").trim() === t && el.offsetParent !== null) || null;
  try {
    await page.waitForFunction(find, { timeout }, selector, text);
  } catch {
    throw new Error(`no visible ${selector} reading ${text}`);
  }
  const handle = await page.evaluateHandle(find, selector, text);
  await handle.asElement().click();
}

const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 1000 });
await page.setRequestInterception(true);
page.on("request", (request) => {
  const url = request.url();
  report.requests.push(`${request.method()} ${url}`);
  // Counted, and never let out: a request beyond 127.0.0.1 fails the test, it is not sent.
  if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url) || url.startsWith("data:") || url.startsWith("blob:")) {
    request.continue();
  } else {
    request.abort();
  }
});
page.on("response", (response) => {
  const url = response.url();
  if (url.startsWith(plan.apiRoot)) {
    report.api.push(`${response.status()} ${response.request().method()} ${decodeURIComponent(url.slice(plan.apiRoot.length))}`);
  }
});
page.on("pageerror", (err) => report.errors.push(String(err)));
page.on("console", (message) => {
  if (message.type() === "error") report.consoleErrors.push(message.text());
});
page.on("dialog", (dialog) => dialog.accept());
// The OAuth relay's pop-up would leave the token here; the test puts it there itself.
await page.evaluateOnNewDocument((stored) => {
  window.localStorage.setItem("decap-cms-user", JSON.stringify(stored));
}, plan.user);

try {
  await page.goto(`${plan.base}/index.html#/collections/${plan.collection}`, { waitUntil: "load" });
  await waitText(page, plan.columnName, 60000);
  report.column = await shot(page, "1-column");
  step("column");

  await page.goto(`${plan.base}/index.html#/collections/${plan.collection}/new`, { waitUntil: "load" });
  await waitText(page, plan.waitNew, 60000);
  step("new");
  for (const [label, value] of Object.entries(plan.texts)) {
    const id = await fieldId(page, label);
    if (!id) throw new Error(`no field labelled ${label}`);
    const kind = await page.$eval(`[id="${id}"]`, (el) => el.type || el.tagName).catch(() => "?");
    if (kind === "date" || kind === "datetime-local") {
      await setValue(page, id, value);
    } else {
      await page.click(`[id="${id}"]`, { clickCount: 3 });
      await page.type(`[id="${id}"]`, value);
    }
  }
  for (const [label, option] of Object.entries(plan.selects)) {
    const id = await fieldId(page, label);
    if (!id) throw new Error(`no field labelled ${label}`);
    await page.click(`[id="${id}"]`);
    await page.type(`[id="${id}"]`, option);
    await page.keyboard.press("Enter");
  }
  // The body: Decap's rich-text editor is a contenteditable area.
  await page.click("[contenteditable=true]");
  await page.keyboard.type(plan.body);
  report.filled = await shot(page, "2-filled");
  step("filled");

  await clickText(page, "button", plan.saveText);
  await waitText(page, plan.savedText, 60000);
  await page.waitForFunction((t) => !document.body.innerText.includes(t), { timeout: 60000 }, plan.savingText);
  report.saved = await shot(page, "3-saved");
  step("saved", { url: page.url() });

  await clickText(page, "span, div, button", plan.statusButton);
  await new Promise((resolve) => setTimeout(resolve, 500));
  report.statusMenu = await shot(page, "4-status-menu");
  report.statusItems = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[role=menuitem], li"))
      .filter((el) => el.offsetParent !== null)
      .map((el) => (el.textContent || "").trim()),
  );
  await clickText(page, "[role=menuitem], li, span", plan.statusItem);
  await waitText(page, plan.statusAfter, 60000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  report.inReview = await shot(page, "5-in-review");
  step("in-review");

  // Every control offering to publish: hidden by the R-04 script, none left visible.
  const hiddenHere = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-govreview-r04]")).map((el) => (el.textContent || "").trim()),
  );
  report.hidden.push(...hiddenHere);
  report.visiblePublish = await page.evaluate((labels) => {
    return Array.from(document.querySelectorAll("button, [role=button], [role=menuitem], a, li, span"))
      .filter((el) => el.offsetParent !== null && labels.includes((el.textContent || "").trim()))
      .map((el) => (el.textContent || "").trim());
  }, plan.publishLabels);
  report.toolbarText = await page.evaluate(() => document.body.innerText);

  await page.goto(`${plan.base}/index.html#/workflow`, { waitUntil: "load" });
  await waitText(page, plan.workflowWait, 60000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  report.workflow = await shot(page, "6-workflow");
  report.workflowText = await page.evaluate(() => document.body.innerText);
  report.hidden.push(
    ...(await page.evaluate(() => Array.from(document.querySelectorAll("[data-govreview-r04]")).map((el) => (el.textContent || "").trim()))),
  );
  step("workflow");
} catch (err) {
  report.failure = String(err && err.stack ? err.stack : err);
  report.failureShot = await shot(page, "failure").catch(() => null);
  report.failureText = await page.evaluate(() => document.body.innerText).catch(() => "");
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
