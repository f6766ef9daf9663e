// A tiny static file server for a built congkhai site, for the browser checks.
// Serves DIR under the site's base path (e.g. /cong-khai/) on 127.0.0.1, any free port.
// Directories answer with their index.html; anything else answers 404.html with status 404,
// as a web server configured for the site would. Nothing outside DIR is ever served.
import { readFileSync, statSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

/** The base path (e.g. "/cong-khai/") the site was built for, read from the home page's
 *  canonical link; `CONGKHAI_BASE_PATH` overrides it. */
export function basePathOf(dir) {
  if (process.env.CONGKHAI_BASE_PATH) {
    let p = process.env.CONGKHAI_BASE_PATH;
    if (!p.startsWith("/")) p = "/" + p;
    if (!p.endsWith("/")) p += "/";
    return p;
  }
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const m = html.match(/<link rel="canonical" href="([^"]+)"/);
  if (!m) throw new Error(`${dir}/index.html has no <link rel="canonical">; set CONGKHAI_BASE_PATH`);
  return new URL(m[1]).pathname;
}

/** Every .html file under dir, as paths relative to dir with "/" separators, sorted. */
export function htmlFiles(dir, rel = "") {
  const out = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (e.isFile() && e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

/** Starts the server; resolves to {origin, basePath, url(rel), close()}. */
export async function serve(dir, basePath = basePathOf(dir)) {
  const root = resolve(dir);
  const notFound = join(root, "404.html");
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      path = "";
    }
    const send = (status, file) => {
      let body;
      try {
        body = readFileSync(file);
      } catch {
        res.writeHead(status === 200 ? 500 : status, { "content-type": "text/plain" });
        res.end("not found\n");
        return;
      }
      res.writeHead(status, {
        "content-type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (!path.startsWith(basePath) || path.includes("\0")) return send(404, notFound);
    let file = resolve(root, "." + sep + path.slice(basePath.length));
    if (file !== root && !file.startsWith(root + sep)) return send(404, notFound);
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { location: path + "/" });
          res.end();
          return;
        }
        file = join(file, "index.html");
      }
      statSync(file);
    } catch {
      return send(404, notFound);
    }
    send(200, file);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    basePath,
    url: (rel) => origin + basePath + rel,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
