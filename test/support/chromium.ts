/**
 * Finds a Chromium or Chrome for the browser tests and benches.
 *
 * Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, the usual Chrome paths.
 * Where none exists and we are root with apt-get, Debian's chromium is
 * installed (and we say so); elsewhere we fail with the command to run.
 * Browser tests never skip: a missing browser is a failure.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

export const INSTALL_COMMAND = "sudo apt-get update && sudo apt-get install -y chromium";

/** Flags for a headless Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

function findInstalled(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
  }
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

function canApt(): boolean {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    execFileSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The path of a Chromium to drive, installing Debian's where we may. */
export function ensureChromium(log: (line: string) => void = console.error): string {
  const found = findInstalled();
  if (found) return found;
  if (canApt()) {
    log("No Chromium or Chrome found: installing Debian's chromium (apt-get install -y chromium)...");
    execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], {
      stdio: "inherit",
    });
    const installed = findInstalled();
    if (installed) return installed;
  }
  throw new Error(
    `No Chromium or Chrome found for the browser tests. Install one with:\n  ${INSTALL_COMMAND}\n` +
      "or set CHROMIUM_PATH to a Chrome or Chromium executable.",
  );
}
