// Pastes WPS/Word-like clipboards into the body of a new item in the admin app written by
// `govreview editor build`, in Debian's chromium (puppeteer-core). Run by
// tests/test_editor_paste_browser.py:   node tests/editor_paste_browser.mjs PLAN.json
// The GitHub API is answered here from plan.github (path -> JSON), as in editor_browser.mjs.
// Each paste is what the browser does: a `paste` ClipboardEvent carrying a DataTransfer (the
// clipboard's text/html, text/plain and image files) on the focused editor and, unless a handler
// cancelled it, the `beforeinput` insertFromPaste that follows with the same DataTransfer.
// The Markdown Decap would save is read from the widget's Markdown (raw) mode.
import { answerCanned } from "./canned_github.mjs";
import { launchQuiet } from "./chromium_quiet.mjs";
import fs from "node:fs";
import path from "node:path";

const plan = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const browser = await launchQuiet(plan);

function within(ms, promise) {
  return Promise.race([promise, new Promise((resolve, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms))]);
}

// A new item's form, signed in (three tries: on a busy machine Decap may start slowly).
async function open(c) {
  const failures = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const page = await browser.newPage();
    const state = { requests: [], errors: [], dialogs: [] };
    try {
      await within(30000, prepare(page, c, state));
      await within(30000, page.waitForSelector("[data-slate-editor]", { timeout: 25000 }));
      return { page, ...state };
    } catch (err) {
      failures.push(`try ${attempt}: ${err}; page errors: ${state.errors.join(" | ")}`);
      await within(10000, page.close()).catch(() => {});
    }
  }
  throw new Error(`${c.name}: the new-item form never showed its editor: ${failures.join("; ")}`);
}

async function prepare(page, c, state) {
  await page.setViewport({ width: 1280, height: 1000 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    state.requests.push(url);
    if (c.blocked.some((name) => url.endsWith("/" + name))) {
      request.abort();
      return;
    }
    answerCanned(request, plan);
  });
  page.on("pageerror", (err) => state.errors.push(String(err)));
  // Decap keeps an unsaved item in the browser and asks (window.confirm) whether to restore it
  // on the next new item: each paste starts from an empty body, so the answer is no.
  page.on("dialog", (dialog) => {
    state.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await page.evaluateOnNewDocument((stored) => {
    window.localStorage.setItem("decap-cms-user", JSON.stringify(stored));
    window.localStorage.removeItem("cms.md-mode");
  }, plan.user);
  await page.goto(plan.base + "/index.html#/collections/news/new", { waitUntil: "load" });
}

async function paste(c) {
  const { page, requests, errors } = await open(c);
  const editor = async () => (await page.$$("[data-slate-editor]")).pop(); // the body is the last field
  await (await editor()).click();
  await page.keyboard.type(plan.before);
  await page.keyboard.press("Enter");
  const dispatched = await page.evaluate(async (clip) => {
    const dt = new DataTransfer();
    for (const [type, text] of Object.entries(clip.data)) dt.setData(type, text);
    for (const f of clip.files || []) {
      const bytes = Uint8Array.from(atob(f.base64), (ch) => ch.charCodeAt(0));
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const target = document.activeElement;
    const event = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true, composed: true });
    target.dispatchEvent(event);
    if (!event.defaultPrevented) {
      target.dispatchEvent(new InputEvent("beforeinput", { inputType: "insertFromPaste", dataTransfer: dt, bubbles: true, cancelable: true }));
    }
    return { target: target.getAttribute("data-slate-editor"), cancelled: event.defaultPrevented };
  }, c.clipboard);
  // The paste helper marks the cursor while pictures are stored, then shows the body again.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await page.waitForFunction(() => !document.body.innerText.includes("GOVREVIEWPASTE"), { timeout: 20000 });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const notes = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-govreview-paste=notes] > div")).map((el) => el.textContent),
  );
  const pictures = await page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-slate-editor] img")).map((img) => img.getAttribute("src")),
  );
  const shot = path.join(plan.screenshots, `${c.name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  // Decap's switch to Markdown mode: the body as it is saved.
  const toggled = await page.evaluate((label) => {
    const toggle = Array.from(document.querySelectorAll("label, span, button")).find((el) => el.textContent.trim() === label);
    const input = toggle && (toggle.closest("label") || toggle.parentElement).querySelector("input, button, [role=switch]");
    (input || toggle)?.click();
    return Boolean(toggle);
  }, plan.rawToggle);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const raw = await page.evaluate(() => {
    const editors = Array.from(document.querySelectorAll("[data-slate-editor]"));
    const body = editors.pop();
    return body ? Array.from(body.querySelectorAll("[data-slate-node=element]")).map((el) => el.textContent.replace(/\uFEFF/g, "")).join("\n") : null;
  });
  await page.screenshot({ path: path.join(plan.screenshots, `${c.name}-raw.png`), fullPage: true });
  await page.close();
  return { name: c.name, dispatched, notes, pictures, toggled, raw, errors, requests, screenshot: shot };
}

const report = { pastes: [] };
try {
  for (const c of plan.pastes) report.pastes.push(await paste(c));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report));
