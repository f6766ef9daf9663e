// Linked open data of a built congkhai site, read by a real JSON-LD processor (jsonld.js):
// every <script type="application/ld+json"> of every page and /data/catalog.jsonld are
// expanded and turned into RDF, offline, in safe mode (a term that maps to nothing is an error,
// not silently dropped).
//
//   node tests/browser/jsonld.mjs DIR            (DIR: a built site, with index.html)
//
// https://schema.org is loaded as the local context {"@vocab": "https://schema.org/"}; no other
// remote document may be loaded. Prints each problem as `file: message` and "N passed, M failed";
// exit status 1 when any document fails, 2 on wrong usage.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import jsonld from "jsonld";
import { htmlFiles } from "./lib/serve.mjs";

const dir = process.argv[2] || process.env.CONGKHAI_SITE;
if (!dir || !existsSync(resolve(dir, "index.html"))) {
  console.error("usage: node tests/browser/jsonld.mjs DIR   (DIR: a built site, with index.html)");
  process.exit(2);
}
const root = resolve(dir);

const SCHEMA_ORG = { "@context": { "@vocab": "https://schema.org/" } };
const documentLoader = async (url) => {
  if (url === "https://schema.org" || url === "https://schema.org/") {
    return { contextUrl: null, documentUrl: url, document: SCHEMA_ORG };
  }
  throw new Error(`no network: refusing to load ${url}`);
};

const OPEN = '<script type="application/ld+json">';
function blocks(html) {
  const out = [];
  let i = html.indexOf(OPEN);
  while (i >= 0) {
    const start = i + OPEN.length;
    const end = html.indexOf("</script>", start);
    out.push(html.slice(start, end));
    i = html.indexOf(OPEN, end);
  }
  return out;
}

// Expanded, as RDF: the types it states.
async function read(doc) {
  const options = { documentLoader, safe: true };
  const expanded = await jsonld.expand(doc, options);
  if (expanded.length === 0) throw new Error("expands to nothing");
  const quads = await jsonld.toRDF(doc, options);
  const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  return quads.filter((q) => q.predicate.value === rdfType).map((q) => q.object.value);
}

let passed = 0;
let failed = 0;
const types = new Map();
async function check(name, text, want) {
  try {
    const found = await read(JSON.parse(text));
    for (const t of found) types.set(t, (types.get(t) || 0) + 1);
    for (const t of want) {
      if (!found.includes(t)) throw new Error(`no ${t}`);
    }
    passed++;
  } catch (e) {
    console.log(`${name}: ${e.message}`);
    failed++;
  }
}

for (const name of htmlFiles(root)) {
  for (const text of blocks(readFileSync(resolve(root, name), "utf8"))) {
    await check(name, text, []);
  }
}
const catalog = resolve(root, "data/catalog.jsonld");
if (existsSync(catalog)) {
  await check("data/catalog.jsonld", readFileSync(catalog, "utf8"), [
    "http://www.w3.org/ns/dcat#Catalog",
    "http://www.w3.org/ns/dcat#Dataset",
    "http://www.w3.org/ns/dcat#Distribution",
  ]);
} else {
  console.log("data/catalog.jsonld: missing");
  failed++;
}
// The home page's office, the open-data page's data sets and, when the site has disclosures,
// their documents must all be there.
for (const t of ["https://schema.org/GovernmentOrganization", "https://schema.org/Dataset"]) {
  if (!types.has(t)) {
    console.log(`site: no ${t} anywhere`);
    failed++;
  }
}
console.log(`JSON-LD: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
