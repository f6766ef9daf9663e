// HTML validity of a built congkhai site: the Nu Html Checker (npm package vnu-jar) run with the
// machine's Java over every .html file of the folder.
//
//   node tests/browser/vnu.mjs DIR            (or CONGKHAI_SITE=DIR; JAVA=/path/to/java)
//
// Runs `java -jar node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html
// --format json DIR`, prints every error as `file:line:column: message`, and ends with
// "N passed, M failed" (files). Exit status 1 when any file has an error, 2 on wrong usage.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { htmlFiles } from "./lib/serve.mjs";

const dir = process.argv[2] || process.env.CONGKHAI_SITE;
if (!dir || !existsSync(resolve(dir, "index.html"))) {
  console.error("usage: node tests/browser/vnu.mjs DIR   (DIR: a built site, with index.html)");
  process.exit(2);
}
const root = resolve(dir);
const require = createRequire(import.meta.url);
const jar = resolve(require.resolve("vnu-jar/package.json"), "../build/dist/vnu.jar");
if (!existsSync(jar)) {
  console.error(`no ${jar}: run npm ci`);
  process.exit(2);
}
const java = process.env.JAVA || "java";

const files = htmlFiles(root);
const started = Date.now();
const run = spawnSync(
  java,
  ["-Xss1024k", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", root],
  { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
);
if (run.error) {
  console.error(`cannot run ${java}: ${run.error.message}`);
  process.exit(1);
}
let report;
try {
  report = JSON.parse(run.stderr || run.stdout);
} catch {
  console.error(`vnu exited ${run.status} without a JSON report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

const byFile = new Map();
for (const m of report.messages || []) {
  // --errors-only leaves errors and fatal "non-document-error"s (e.g. a file it could not read)
  if (m.type === "info" && m.subType !== "warning") continue;
  const file = m.url ? relative(root, fileURLToPath(m.url)) : "(vnu)";
  if (!byFile.has(file)) byFile.set(file, []);
  byFile.get(file).push(m);
}
for (const [file, messages] of [...byFile].sort()) {
  for (const m of messages) {
    const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 1}` : "";
    const extract = m.extract ? ` [${m.extract.replace(/\s+/g, " ").trim().slice(0, 120)}]` : "";
    console.log(`${file}${where}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}${extract}`);
  }
}
if (run.status !== 0 && byFile.size === 0) {
  console.error(`vnu exited ${run.status} but reported nothing:\n${run.stderr}`);
  process.exit(1);
}
const failed = files.filter((f) => byFile.has(f)).length + [...byFile.keys()].filter((f) => !files.includes(f)).length;
console.log(`(${files.length} .html files checked by vnu in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${files.length - files.filter((f) => byFile.has(f)).length} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
