// What a first search costs a citizen: serves a built site under /<sub-path>/, loads
// /search/?q=<query> in headless Chromium, logs every file the browser fetched and sums their
// gzip sizes (gzip -9, as a static server that compresses would send them, or less).
//
//   (a large site in /dev/shm/s10k, e.g. the benchmark kit's corpus, see benches/build.py)
//   target/release/congkhai build --root /dev/shm/s10k --today 2026-11-29
//   node tests/browser/search_weight.mjs /dev/shm/s10k/public "ngân sách" [more queries...]
//
// The site's base_url path is read from its canonical links; no npm packages.
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const [pub, ...queries] = process.argv.slice(2);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const home = readFileSync(join(pub, "index.html"), "utf8");
const base = new URL(home.match(/<link rel="canonical" href="([^"]+)"/)[1]).pathname;
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".css": "text/css" };
let log = [];
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.startsWith(base) ? normalize(join(pub, path.slice(base.length))) : null;
  try {
    if (statSync(file).isDirectory()) { file = join(file, "index.html"); }
    const body = readFileSync(file);
    log.push({ path, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
    res.writeHead(200, { "content-type": types[extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    log.push({ path, raw: 0, gz: 0, missing: true });
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
let worst = 0;
for (const q of queries.length ? queries : ["ngân sách"]) {
  log = [];
  const url = `${origin}${base}search/?q=${encodeURIComponent(q)}`;
  const dom = await new Promise((ok, fail) => execFile(chromium,
    ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=15000", "--dump-dom", url],
    { maxBuffer: 1 << 26 }, (err, out) => (err ? fail(err) : ok(out))));
  const status = (dom.match(/<p role="status"[^>]*>([^<]*)<\/p>/) || ["", "?"])[1];
  const shown = ((dom.match(/<ol class="item-list search-list">[\s\S]*?<\/ol>/) || [""])[0].match(/<li>/g) || []).length;
  const sum = (f) => log.filter(f).reduce((a, x) => a + x.gz, 0);
  const total = sum(() => true);
  const search = sum((x) => x.path.startsWith(`${base}search/`) && !x.path.endsWith("/"));
  worst = Math.max(worst, total);
  console.log(`\n"${q}": ${status} (${shown} shown)`);
  for (const x of log) { console.log(`  ${x.missing ? "404" : String(x.gz).padStart(7)}  ${String(x.raw).padStart(8)}  ${x.path}`); }
  console.log(`  files: ${log.length}; gzip total ${total} B (${(total / 1024).toFixed(1)} KiB), of which search data and script ${search} B`);
}
server.close();
console.log(`\nworst first query: ${(worst / 1024).toFixed(1)} KiB gzip (budget 300 KB)`);
