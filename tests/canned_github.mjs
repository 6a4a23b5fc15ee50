// Answers a page's requests for the web editor's browser tests when no fake GitHub runs: the
// GitHub API at plan.apiRoot from plan.github (path -> JSON, 404 otherwise, CORS preflight 204),
// anything on 127.0.0.1 (and data:/blob:) let through, anything else aborted — never sent.
// Returns the API call ("METHOD /path") it answered, or null.
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Cache-Control, If-None-Match",
  "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
};

export function answerCanned(request, plan) {
  const url = request.url();
  if (url.startsWith(plan.apiRoot)) {
    const rest = url.slice(plan.apiRoot.length).split("?")[0];
    if (request.method() === "OPTIONS") {
      request.respond({ status: 204, headers: CORS, body: "" });
    } else {
      const known = Object.prototype.hasOwnProperty.call(plan.github, rest);
      request.respond({
        status: known ? 200 : 404,
        headers: { ...CORS, "Content-Type": "application/json; charset=utf-8" },
        body: JSON.stringify(known ? plan.github[rest] : { message: "Not Found" }),
      });
    }
    return `${request.method()} ${rest}`;
  }
  if (/^(https?|wss?):\/\/127\.0\.0\.1[:/]/.test(url) || url.startsWith("data:") || url.startsWith("blob:")) {
    request.continue();
  } else {
    request.abort();
  }
  return null;
}
