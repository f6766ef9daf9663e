// Browser test of the static search: builds the `basic` fixture (plus one page with đ and a
// document number), serves it under the sub-path /cong-khai/ with a plain static server, and
// loads /search/?q=... in headless Chromium (--dump-dom runs the page's script first).
//
//   cargo build && node tests/browser/search.mjs [path/to/congkhai] [path/to/chromium]
//
// No npm packages: node 20's http server and the system's Chromium.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

const repo = new URL("../..", import.meta.url).pathname;
const bin = process.argv[2] || join(repo, "target/debug/congkhai");
const chromium = process.argv[3] || "/usr/bin/chromium";

const dir = mkdtempSync(join(tmpdir(), "congkhai-browser-"));
cpSync(join(repo, "tests/fixtures/basic"), dir, { recursive: true });
writeFileSync(
  join(dir, "content/disclosures/sua-duong.md"),
  `---
title: "Kế hoạch sửa đường tỉnh Đắk Lắk"
category: tuyen-dung
published: 2025-07-01
number: "326/KH-VPUBND"
---

Ủy ban nhân dân tỉnh Đắk Lắk công khai kế hoạch sửa chữa các tuyến đường liên xã năm 2025.
`,
);
execFileSync(bin, ["build", "--root", dir, "--today", "2026-11-29"], { stdio: "inherit" });
const pub = join(dir, "public");

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".css": "text/css" };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!path.startsWith("/cong-khai/")) { res.writeHead(404); res.end(); return; }
  let file = normalize(join(pub, path.slice("/cong-khai/".length)));
  try {
    if (statSync(file).isDirectory()) { file = join(file, "index.html"); }
    const body = readFileSync(file);
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

function dom(query) {
  // Asynchronous, so the server above keeps answering while Chromium runs.
  return new Promise((ok, fail) => {
    import("node:child_process").then(({ execFile }) => {
      execFile(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000", "--dump-dom",
        `${origin}/cong-khai/search/${query}`], { maxBuffer: 1 << 24 }, (err, out) => (err ? fail(err) : ok(out)));
    });
  });
}
const text = (html) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
function results(html) {
  const list = html.match(/<ol class="item-list search-list">([\s\S]*?)<\/ol>/);
  if (!list) { return []; }
  return [...list[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({
    title: text(m[1].match(/<a [^>]*>([\s\S]*?)<\/a>/)[1]),
    href: m[1].match(/<a href="([^"]*)"/)[1],
    html: m[1],
  }));
}
function status(html) {
  return text((html.match(/<p role="status"[^>]*>([\s\S]*?)<\/p>/) || ["", ""])[1]);
}

let failed = 0, passed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; }
  console.log(`${ok ? "ok" : "FAIL"} - ${name}${ok ? "" : `\n${detail}`}`);
  if (!ok) { failed++; }
}

try {
  let html = await dom("?q=duong");
  let r = results(html);
  check("duong finds đường, with the original text marked", r.length > 0 && r[0].title === "Kế hoạch sửa đường tỉnh Đắk Lắk" &&
    r[0].href === "/cong-khai/disclosures/sua-duong/" && r[0].html.includes("<mark>đường</mark>") &&
    r[0].html.includes("Thông tin công khai") && r[0].html.includes('<time datetime="2025-07-01">01/07/2025</time>'), JSON.stringify(r, null, 1));
  check("the status names the query", /^\d+ kết quả cho “duong”\.$/.test(status(html)), status(html));

  r = results(await dom("?q=Dak%20Lak"));
  check("Dak Lak finds Đắk Lắk", r.some((x) => x.title === "Kế hoạch sửa đường tỉnh Đắk Lắk"), JSON.stringify(r));

  r = results(await dom("?q=326%2FKH-VPUBND"));
  check("a document number finds its document first", r.length > 0 && r[0].title === "Kế hoạch sửa đường tỉnh Đắk Lắk", JSON.stringify(r));

  html = await dom("?q=cong%20khai");
  r = results(html);
  check("cong khai finds công khai in several sections", r.some((x) => x.title === "Công khai thông tin") &&
    r.some((x) => x.href.includes("/disclosures/")) && /<legend>Lọc theo mục<\/legend>/.test(html), status(html));

  html = await dom("?q=cong%20khai&section=tasks");
  r = results(html);
  check("section filter narrows to tasks", r.length > 0 && r.every((x) => x.href.startsWith("/cong-khai/tasks/")) &&
    /value="tasks" checked/.test(html), JSON.stringify(r));

  html = await dom("?q=khongcotunay");
  check("no results says so", results(html).length === 0 && status(html).startsWith("Không tìm thấy kết quả"), status(html));

  html = await dom("");
  check("no query, no results, browse links stay", results(html).length === 0 && html.includes("/cong-khai/categories/tuyen-dung/"), status(html));
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
