// Debian's chromium, headless, with everything that calls home switched off: the browser tests
// count page-initiated requests, and none may leave 127.0.0.1.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");

export const QUIET_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-default-apps",
  "--disable-sync",
  "--disable-domain-reliability",
  "--disable-client-side-phishing-detection",
  "--disable-breakpad",
  "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,InterestFeedContentSuggestions",
  "--metrics-recording-only",
  "--no-default-browser-check",
  "--no-first-run",
  "--no-pings",
];

export function launchQuiet(plan, extra = []) {
  return puppeteer.launch({ executablePath: plan.chromium, headless: true, userDataDir: plan.profile, args: [...QUIET_ARGS, ...extra] });
}
