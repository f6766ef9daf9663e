// Full-page screenshots of a built congkhai site in headless Chromium, to look at (not a test).
//
//   node tests/browser/screenshots.mjs DIR OUT [path ...]
//
// Writes OUT/<name>-<width>.png (and -partN.png, screen-sized parts) at 390 px and 1280 px wide (and OUT/<name>-print.pdf, the page
// printed on A4) for each site path given (default: home, an overdue task, a disclosure with
// attachments, the plan). Paths are relative to the base path, e.g. "tasks/x/".
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./lib/browser.mjs";
import { serve } from "./lib/serve.mjs";

const [dir, out, ...rest] = process.argv.slice(2);
if (!dir || !out) {
  console.error("usage: node tests/browser/screenshots.mjs DIR OUT [path ...]");
  process.exit(2);
}
const paths = rest.length
  ? rest
  : ["", "tasks/ra-soat-danh-muc-cong-khai/", "disclosures/danh-sach-thi-sinh-dot-1/", "plans/ke-hoach-326-kh-vpubnd/"];
mkdirSync(out, { recursive: true });
const server = await serve(dir);
const browser = await launch();
for (const width of [390, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  for (const p of paths) {
    await page.goto(server.url(p), { waitUntil: "load" });
    const name = (p.replace(/\/$/, "").replace(/\//g, "_") || "home").slice(0, 60);
    const file = join(out, `${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    // and in screen-sized parts, easier to look at than one very tall picture
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const part = width < 800 ? 900 : 1000;
    for (let y = 0, i = 1; y < height; y += part, i++) {
      const clip = { x: 0, y, width, height: Math.min(part, height - y) };
      await page.screenshot({ path: join(out, `${name}-${width}-part${i}.png`), fullPage: true, clip });
    }
    if (width === 1280) await page.pdf({ path: join(out, `${name}-print.pdf`), format: "A4" });
    console.log(file);
  }
  await context.close();
}
await browser.close();
await server.close();
