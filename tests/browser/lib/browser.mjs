// Launches the machine's Chromium (Debian's `chromium`) with playwright-core. npm cannot
// download a browser here, so the executable is always given: $CHROMIUM or /usr/bin/chromium.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// The flags known to work on this machine's closed network (see the machine notes); without the
// background-networking ones Chromium keeps trying to reach Google's hosts.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fresh browser. playwright-core starts Chromium with a new empty temporary
 *  --user-data-dir of its own (it refuses one in `args`) and removes it on close(). */
export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}
