/**
 * The headless Chromium a test file drives, through playwright-core.
 *
 * Under vitest, test/global-setup.ts starts one Chromium for the whole run
 * and every file connects to it (issue 25: a launch per file cost about a
 * second each, and files running side by side share it through separate
 * contexts). Closing what `launchBrowser` returns then only disconnects the
 * file, closing the contexts it opened. Outside vitest (the benches), or
 * when no shared browser was started, it launches a Chromium of its own.
 */
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The WebSocket address of the run's shared Chromium (test/global-setup.ts), or "" for none. */
    browserEndpoint: string;
  }
}

/** Options for a Chromium this process launches itself. */
export const LAUNCH_OPTIONS = { headless: true, args: CHROMIUM_ARGS } as const;

/** The shared Chromium's address when running under vitest with one started, else null. */
async function sharedEndpoint(): Promise<string | null> {
  // Imported only under vitest: the benches run this module without it.
  if (!process.env.VITEST) return null;
  const { inject } = await import("vitest");
  return inject("browserEndpoint") || null;
}

/** A Chromium for one test file (or bench): the run's shared one when there is one, else a new one. */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = await sharedEndpoint();
  if (endpoint) return chromium.connect(endpoint);
  return chromium.launch({ executablePath: ensureChromium(), ...LAUNCH_OPTIONS });
}
