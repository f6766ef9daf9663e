// Accessibility checks of a built congkhai site in a real browser (Debian's Chromium, driven by
// playwright-core), with axe-core. Builds nothing: give it the built output folder.
//
//   node tests/browser/a11y.mjs DIR [--all] [--kinds=plans,tasks,...]   (or CONGKHAI_SITE=DIR)
//   A11Y_JOBS=3 pages at a time; CHROMIUM=/usr/bin/chromium
//
// DIR is served on 127.0.0.1 (any free port) under the base path the site was built for (read
// from the home page's canonical link, or CONGKHAI_BASE_PATH). Pages are told apart by the
// theme's <body class="kind-...">. Without --all, one page of every kind is opened (the first in
// path order), plus an overdue task, a disclosure with attachments, every page whose body holds
// a table (Markdown or raw HTML: they are laid out by the body's styles, not the theme's),
// page 2 of every paginated list and a missing URL (the 404 page); with --all, every .html file. The run fails when a
// required kind is missing from DIR.
//
// Checks, each counted once per page:
//   axe       axe-core, tags wcag2a wcag2aa wcag21a wcag21aa (plus rule target-size, WCAG 2.2
//             2.5.8 "targets at least 24x24 px"), at 1280 px, and at 390 px and 320 px wide
//             (phones; rules such as scrollable-region-focusable depend on the width);
//   reflow    at 390 and 320 px wide the page does not scroll sideways
//             (documentElement.scrollWidth <= 321; tables scroll inside their own wrapper);
//   headings  exactly one h1, it comes first, no skipped heading level;
//   no-js     with JavaScript disabled the main content is there (main, its h1, its headings);
//   load      no script error, no console error, no failed request for the page's own files.
// Prints one line per failure (check, rule, page, target) and ends with "N passed, M failed"
// (page-checks). Exit status 1 when anything failed, 2 on wrong usage.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./lib/browser.mjs";
import { serve, htmlFiles } from "./lib/serve.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  rules: { "target-size": { enabled: true } },
  resultTypes: ["violations"],
};
// Phone widths: a common one, and WCAG's reflow width.
const NARROW = [390, 320];
const CHECKS = ["load", "axe", "reflow", "headings", "no-js"];
const JOBS = Math.max(1, Number(process.env.A11Y_JOBS) || 3);
const REQUIRED_KINDS = [
  "home", "plan", "task", "disclosure", "update", "page", "plans", "tasks", "disclosures",
  "updates", "unit", "units", "dimension", "dimensions", "category", "categories", "search", "404",
  "disclosure-list", "access", "compliance", "consultations", "open-data", "subscribe",
];

const args = process.argv.slice(2);
const all = args.includes("--all");
// --kinds=plans,tasks: only pages of these kinds, and page 2 of a list must be among them (for a
// second build with a small per_page, to check the lists' later pages)
const kindsArg = args.find((a) => a.startsWith("--kinds="));
const onlyKinds = kindsArg ? kindsArg.slice("--kinds=".length).split(",").filter(Boolean) : null;
const dir = args.find((a) => !a.startsWith("--")) || process.env.CONGKHAI_SITE;
if (!dir || !existsSync(join(dir, "index.html"))) {
  console.error("usage: node tests/browser/a11y.mjs DIR [--all]   (DIR: a built site, with index.html)");
  process.exit(2);
}

// ---- which pages -------------------------------------------------------------------------
function kindOf(html) {
  const m = html.match(/<body[^>]*\bclass="[^"]*\bkind-([a-z0-9-]+)/);
  return m ? m[1] : "unknown";
}
const files = htmlFiles(dir).map((rel) => {
  const html = readFileSync(join(dir, rel), "utf8");
  return { rel, html, kind: kindOf(html) };
});
const urlOf = (rel) => (rel === "index.html" ? "" : rel.replace(/(^|\/)index\.html$/, "$1"));

const chosen = new Map(); // rel -> {rel, kind, why}
const choose = (f, why) => {
  if (!chosen.has(f.rel)) chosen.set(f.rel, { rel: urlOf(f.rel), file: f.rel, kind: f.kind, why });
};
const missing = [];
// the list root before its filtered pages (tasks/index.html before tasks/status/done/index.html)
const byDepth = [...files].sort((a, b) => a.rel.split("/").length - b.rel.split("/").length || (a.rel < b.rel ? -1 : 1));
for (const kind of REQUIRED_KINDS) {
  const first = byDepth.find((f) => f.kind === kind && !/\/page\/\d+\//.test(f.rel));
  if (first) choose(first, "first of its kind");
  else if (kind !== "404") missing.push(kind);
}
const overdue = files.find((f) => f.kind === "task" && /class="[^"]*\btag-overdue\b/.test(f.html));
if (overdue) choose(overdue, "overdue task");
else missing.push("task (overdue)");
const withAttachments = files.find((f) => f.kind === "disclosure" && /<table[^>]*class="[^"]*\battachments\b/.test(f.html));
if (withAttachments) choose(withAttachments, "disclosure with attachments");
else missing.push("disclosure (with attachments)");
for (const f of files.filter((f) => /(^|\/)page\/2\/index\.html$/.test(f.rel))) choose(f, "page 2 of a list");
// every page with a table in its body (the body's wrapper is the only one labelled that way)
const bodyTable = /<div class="[^"]*\bcontent\b[^"]*"[^>]*>[\s\S]*?<div class="table-wrap" role="region" tabindex="0" aria-label="[^"]*"><table[ >]/;
for (const f of files.filter((f) => bodyTable.test(f.html))) choose(f, "table in the body");
// every free page (few; the accessibility statement is one of them)
for (const f of files.filter((f) => f.kind === "page")) choose(f, "free page");
if (all) for (const f of files) choose(f, "every page");
let pages = [...chosen.values()].filter((p) => p.file !== "404.html");
// The 404 page as a citizen meets it: a URL that does not exist (the server answers 404.html).
pages.push({ rel: "khong-co-trang-nay/", file: "404.html", kind: "404", why: "missing URL", expectStatus: 404 });
if (!files.some((f) => f.rel === "404.html")) missing.push("404 (404.html)");
if (onlyKinds) {
  pages = pages.filter((p) => onlyKinds.includes(p.kind));
  missing.length = 0;
  for (const k of onlyKinds) if (!pages.some((p) => p.kind === k)) missing.push(k);
  // such a run is for the lists' later pages: there must be one
  if (!pages.some((p) => /\/page\/2\/$/.test(p.rel))) missing.push("page 2 of a list");
}

// ---- the checks ----------------------------------------------------------------------------
const failures = [];
let passed = 0; // page-checks without a failure

async function open(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location()?.url || "";
    // The browser's own request for /favicon.ico (outside the site) and the 404 page's own
    // status are not the page's problems.
    if (/\/favicon\.ico$/.test(where) || (where === url && /status of 404/.test(m.text()))) return;
    problems.push(`console error: ${m.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url() !== url && !/\/favicon\.ico$/.test(r.url())) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
  return { page, response, problems };
}

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (options) => {
    const r = await window.axe.run(document, options);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }));
  }, AXE_OPTIONS);
}

// Headings in document order that are rendered (visually hidden ones count; [hidden] do not).
const headingsOf = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .filter((h) => h.getClientRects().length > 0)
      .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.replace(/\s+/g, " ").trim() })),
  );

// Elements sticking out past the viewport's right edge, outside any scrolling container.
const overflowOf = (page, width) =>
  page.evaluate((width) => {
    const doc = document.documentElement;
    const out = { scrollWidth: doc.scrollWidth, culprits: [] };
    if (doc.scrollWidth <= width + 1) return out;
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
      }
      return false;
    };
    const path = (el) => {
      const parts = [];
      for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + (e.classList.length ? "." + [...e.classList].join(".") : ""));
      }
      return parts.join(" > ");
    };
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && !clipped(el)) {
        // report the outermost offender only
        if (!out.culprits.some((c) => c.el.contains(el))) out.culprits.push({ el, right: Math.round(r.right) });
      }
    }
    out.culprits = out.culprits.slice(0, 5).map((c) => `${path(c.el)} (right edge ${c.right}px)`);
    return out;
  }, width);

const mainOf = (page) =>
  page.evaluate(() => {
    const main = document.querySelector("main");
    if (!main) return null;
    return {
      id: main.id,
      text: main.innerText.replace(/\s+/g, " ").trim(),
      h1: [...main.querySelectorAll("h1")].map((h) => h.textContent.replace(/\s+/g, " ").trim()),
      headings: [...main.querySelectorAll("h1, h2, h3, h4, h5, h6")]
        .filter((h) => h.getClientRects().length > 0)
        .map((h) => h.textContent.replace(/\s+/g, " ").trim()),
      // parts the page's HTML leaves [hidden] for its script to show (search results)
      scriptOnly: [...main.querySelectorAll("[hidden] :is(h1, h2, h3, h4, h5, h6)")]
        .map((h) => h.textContent.replace(/\s+/g, " ").trim()),
    };
  });

const server = await serve(dir);
const browser = await launch();
const wide = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
const narrows = await Promise.all(
  NARROW.map((width) => browser.newContext({ viewport: { width, height: 640 }, locale: "vi-VN" })),
);
const noJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false, locale: "vi-VN" });

for (const kind of missing) failures.push({ page: "(site)", check: "coverage", rule: "missing-page-kind", target: kind, detail: `no page of kind "${kind}" in ${dir}` });

console.log(`checking ${pages.length} pages of ${dir} at ${server.origin}${server.basePath}${all ? " (all pages)" : ""}`);
const started = Date.now();

async function checkPage(p) {
  const url = server.url(p.rel);
  const label = `${server.basePath}${p.rel} [${p.kind}]`;
  const mine = [];
  const fail = (page, check, rule, target, detail) => mine.push({ page, check, rule, target, detail });
  try {
    // 1280 px, JavaScript on: load, axe, headings.
    const w = await open(wide, url);
    const status = w.response ? w.response.status() : 0;
    if (status !== (p.expectStatus || 200)) fail(label, "load", "http-status", url, `HTTP ${status}`);
    const axeWide = await runAxe(w.page);
    const heads = await headingsOf(w.page);
    const mainJs = await mainOf(w.page);
    // Phone widths, JavaScript on: reflow, axe again (layout-dependent rules: contrast, target
    // size, scrollable regions).
    const phones = [];
    for (const [i, width] of NARROW.entries()) {
      const n = await open(narrows[i], url);
      phones.push({ width, n, axe: await runAxe(n.page), flow: await overflowOf(n.page, width) });
    }
    // JavaScript off.
    const x = await open(noJs, url);
    const mainNoJs = await mainOf(x.page);

    for (const problem of new Set([...w.problems, ...phones.flatMap((p) => p.n.problems)])) fail(label, "load", "page-error", url, problem);

    const seen = new Set();
    for (const [width, list] of [[1280, axeWide], ...phones.map((p) => [p.width, p.axe])]) {
      for (const v of list) {
        for (const node of v.nodes) {
          const key = `${v.id} ${node.target}`;
          if (seen.has(key)) continue;
          seen.add(key);
          fail(label, "axe", v.id, node.target, `${v.impact}: ${v.help} (at ${width}px) ${node.summary.replace(/\s+/g, " ")}`);
        }
      }
    }

    const h1s = heads.filter((h) => h.level === 1);
    if (h1s.length !== 1) fail(label, "headings", "one-h1", "h1", `${h1s.length} h1 elements: ${h1s.map((h) => `"${h.text}"`).join(", ")}`);
    if (heads.length && heads[0].level !== 1) fail(label, "headings", "h1-first", `h${heads[0].level}`, `first heading is h${heads[0].level} "${heads[0].text}"`);
    for (let i = 1; i < heads.length; i++) {
      if (heads[i].level > heads[i - 1].level + 1) {
        fail(label, "headings", "skipped-level", `h${heads[i].level}`, `h${heads[i - 1].level} "${heads[i - 1].text}" is followed by h${heads[i].level} "${heads[i].text}"`);
      }
    }

    for (const { width, flow } of phones) {
      if (flow.scrollWidth > width + 1) {
        fail(label, "reflow", "horizontal-scroll", flow.culprits.join("; ") || "(unknown element)", `scrollWidth ${flow.scrollWidth}px at ${width}px wide`);
      }
    }

    if (!mainNoJs) fail(label, "no-js", "no-main", "main", "no <main> without JavaScript");
    else {
      if (mainNoJs.id !== "main") fail(label, "no-js", "skip-target", "main", `main has id "${mainNoJs.id}", the skip link goes to #main`);
      if (mainNoJs.h1.length !== 1) fail(label, "no-js", "no-h1", "main h1", `${mainNoJs.h1.length} h1 in main without JavaScript`);
      if (mainJs && mainNoJs.h1.join() !== mainJs.h1.join()) fail(label, "no-js", "h1-differs", "main h1", `"${mainNoJs.h1}" without JavaScript, "${mainJs.h1}" with it`);
      const lost = (mainJs?.headings || []).filter((h) => !mainNoJs.headings.includes(h) && !mainNoJs.scriptOnly.includes(h));
      if (lost.length) fail(label, "no-js", "content-missing", "main", `headings shown only with JavaScript: ${lost.join(" | ")}`);
      if (mainNoJs.text.length < 40) fail(label, "no-js", "content-missing", "main", `main has only ${mainNoJs.text.length} characters of text without JavaScript`);
    }

    await Promise.all([w.page.close(), ...phones.map((p) => p.n.page.close()), x.page.close()]);
  } catch (e) {
    for (const check of CHECKS) fail(label, check, "exception", url, String(e && e.stack ? e.stack.split("\n")[0] : e));
  }
  failures.push(...mine);
  for (const check of CHECKS) if (!mine.some((f) => f.check === check)) passed += 1;
  console.log(`${mine.length ? "FAIL" : "ok  "} ${label}${p.why !== "first of its kind" && p.why !== "every page" ? ` (${p.why})` : ""}`);
}

// A few pages at a time: most of a page's time is spent waiting on the browser.
const queue = [...pages];
await Promise.all(Array.from({ length: JOBS }, async () => {
  while (queue.length) await checkPage(queue.shift());
}));

await browser.close();
await server.close();

if (failures.length) {
  console.log(`\n${failures.length} problem(s):`);
  for (const f of failures) console.log(`- ${f.check} ${f.rule} | ${f.page} | ${f.target} | ${f.detail}`);
}
// A page-check failed if it has any failure; coverage problems count as failed checks too.
const failedChecks = new Set(failures.map((f) => `${f.page} ${f.check}`)).size;
console.log(`\n(${pages.length} pages x ${CHECKS.length} checks, ${JOBS} at a time, in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${passed} passed, ${failedChecks} failed`);
process.exit(failedChecks ? 1 : 0);
