import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (the `chromium` package): no browser is downloaded at install time. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/lib/chromium/chromium",
  "/usr/bin/chromium-browser",
];

/** Where Chromium is, if this machine has it. */
export const chromiumPath = CANDIDATES.find((path): path is string => !!path && existsSync(path));

/** Headless Chromium (playwright gives it a fresh profile) with nothing reaching out to the network. */
export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error("no Chromium: install Debian's chromium package or set CHROMIUM_PATH");
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
