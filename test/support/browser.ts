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
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "./chromium.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The WebSocket address of the run's shared Chromium (test/global-setup.ts), or "" for none. */
    browserEndpoint: string;
  }
}

/**
 * The --disable-features Playwright (playwright-core 1.65.1) gives Chromium. Chromium reads only the
 * last --disable-features of its command line, so ours must repeat these; checkDisabledFeatures
 * fails the run if Playwright's list ever holds one this does not.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
];

/**
 * The omnibox popup's WebUI, which no test uses (issue 25). In headless Chromium 156 every browser
 * context opens a window whose address bar preloads two WebUI pages
 * (chrome://omnibox-popup.top-chrome/ and its AI-mode page) in a renderer process of its own: a
 * clean-clone run started 211 such renderers, 148 s of processor time, more than the 427 renderers
 * of the pages under test took (125 s). Without them a context with the story loaded costs about
 * 0.6 s of processor time instead of 1.4 s.
 */
const UNUSED_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUIOmniboxAimPopup"];

const DISABLE_FEATURES = `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...UNUSED_FEATURES].join(",")}`;

const LAUNCH_ARGS: string[] = [...CHROMIUM_ARGS, DISABLE_FEATURES];

/** Options for a Chromium this process launches itself. */
export const LAUNCH_OPTIONS = { headless: true, args: LAUNCH_ARGS } as const;

/**
 * Throws when the command line Playwright started Chromium with turns off a feature that our
 * --disable-features (the last, which Chromium reads) leaves on: Playwright's list has changed.
 */
export function checkDisabledFeatures(commandLine: readonly string[]): void {
  const ours = new Set(DISABLE_FEATURES.slice("--disable-features=".length).split(","));
  const missing = commandLine
    .filter((arg) => arg.startsWith("--disable-features=") && arg !== DISABLE_FEATURES)
    .flatMap((arg) => arg.slice("--disable-features=".length).split(","))
    .filter((feature) => feature && !ours.has(feature));
  if (missing.length > 0)
    throw new Error(
      `Playwright now turns off ${missing.join(", ")} in Chromium, which our --disable-features would turn back on: ` +
        "add them to PLAYWRIGHT_DISABLED_FEATURES in test/support/browser.ts.",
    );
}

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

/** A page of a test file and how to let it go (its tab, or its own context). */
export interface OpenedTab {
  page: Page;
  close(): Promise<void>;
}

/**
 * The tabs a test file opens in Chromium (issue 25: a new browser context costs Chromium about a
 * quarter of a second of processor time, a tab far less). Options a tab sets for itself (viewport,
 * colour scheme, reduced motion) get a new tab in the file's one context, made from `defaults` when
 * first asked; any other option gets a context of its own. The site keeps nothing in storage, so a
 * new tab starts as a new context's would. `prepare` readies each context before its first tab
 * (routes, for instance).
 */
export function fileTabs(
  browser: () => Browser,
  defaults: BrowserContextOptions = {},
  prepare: (context: BrowserContext) => Promise<void> = async () => {},
) {
  let shared: Promise<BrowserContext> | undefined;
  const newContext = async (options: BrowserContextOptions) => {
    const context = await browser().newContext({ ...defaults, ...options });
    await prepare(context);
    return context;
  };
  return {
    async open(options: BrowserContextOptions = {}): Promise<OpenedTab> {
      const { viewport, colorScheme, reducedMotion, ...others } = options;
      if (Object.keys(others).length > 0) {
        const context = await newContext(options);
        return { page: await context.newPage(), close: () => context.close() };
      }
      shared ??= newContext({});
      const page = await (await shared).newPage();
      if (viewport) await page.setViewportSize(viewport);
      if (colorScheme !== undefined || reducedMotion !== undefined)
        await page.emulateMedia({ colorScheme, reducedMotion });
      return { page, close: () => page.close() };
    },
    /** Closes the shared context, if one was made. */
    async close(): Promise<void> {
      await (await shared)?.close();
      shared = undefined;
    },
  };
}
