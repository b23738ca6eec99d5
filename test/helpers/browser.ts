import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Test } from 'tap';
import { builds, staleBuild } from './fresh-build.js';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). Playwright never downloads a browser here. */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Where the page tests save their screenshots (ignored by git). The README's,
 * in docs/screenshots/, are copies of two of them.
 */
export const screenshotDir = fileURLToPath(new URL('../../.tap/screenshots/', import.meta.url));

/**
 * Launches one headless chromium for a test file, closed when the file ends;
 * or, without chromium, null after a skip with the reason. Under CI (CI=true)
 * a missing chromium fails instead: CI installs it, so its absence is a bug.
 * `args` are added to the usual flags (e.g. `--host-resolver-rules=…`).
 */
export async function launchBrowser(t: Test, { args = [] }: { args?: string[] } = {}): Promise<Browser | null> {
  if (!existsSync(chromiumPath)) {
    const reason = `no chromium at ${chromiumPath} (apt-get install chromium)`;
    if (process.env.CI === 'true') t.fail(`${reason}: CI must have it`);
    else t.plan(0, `skipped: ${reason}`);
    return null;
  }
  // The server serves the page's scripts from dist/page (npm run build): never yesterday's.
  const stale = staleBuild(builds.page);
  if (stale) {
    t.fail(`the page's scripts are stale: ${stale}`);
    return null;
  }
  const key = args.join('\n');
  let launched = sharedBrowsers.get(key);
  if (!launched) {
    launched = chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, ...args] });
    sharedBrowsers.set(key, launched);
  }
  const browser = await launched;
  if (!inShard()) t.teardown(() => closeBrowsers());
  return browser;
}

/**
 * One chromium per process and set of flags: a shard (test/helpers/shard.ts) runs many browser files one after
 * another, and each used to start its own (a second of CPU each). Files never share pages or contexts
 * ({@link closePages} after each file). A file run alone closes it when it ends; a shard
 * closes it when its last file has ended ({@link closeBrowsers}).
 */
const sharedBrowsers = new Map<string, Promise<Browser>>();

/** Closes the browsers {@link launchBrowser} started in this process. */
export async function closeBrowsers(): Promise<void> {
  const browsers = [...sharedBrowsers.values()];
  sharedBrowsers.clear();
  for (const browser of browsers) await (await browser).close();
}

/** True inside a shard's process (runShard sets it before the first file). */
function inShard(): boolean {
  return (globalThis as { mockIdpShard?: boolean }).mockIdpShard === true;
}

/**
 * A fresh page at 1280×720, the projector size the page is made for (`options` may change it), opened on
 * `url` and waited on until the page says it is ready. A script error in the page fails the test.
 *
 * Fresh as a document, not as a tab: a context and its first page cost several times what a navigation does
 * (about 3 CPU-seconds against 0.6), so a page a finished test opened with the same `options` is navigated
 * again, once what that test left on it is cleared: its listeners, routes, media emulation, viewport, cookies
 * and the storage of its origin. Tests still never share a page while they run; a test that wants a context
 * of its own (init scripts, permissions) makes it with `browser.newContext`.
 */
export async function openPage(t: Test, browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<Page> {
  const key = JSON.stringify(options);
  const free = idlePages.get(key) ?? [];
  idlePages.set(key, free);
  const at = free.findIndex((idle) => idle.context().browser() === browser && !idle.isClosed());
  let page = at >= 0 ? free.splice(at, 1)[0] : undefined;
  if (page) {
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().unrouteAll({ behavior: 'ignoreErrors' });
    await page.emulateMedia({ media: null, colorScheme: null, reducedMotion: null, forcedColors: null, contrast: null });
    await page.setViewportSize(options.viewport ?? projector);
    await page.context().clearCookies();
  } else {
    const context = await browser.newContext({ viewport: projector, ...options });
    page = await context.newPage();
    openContexts.add(context);
  }
  const opened = page;
  opened.setDefaultTimeout(10_000);
  opened.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));
  t.teardown(async () => {
    // Leaves the test's server (closing after this) and forgets what the test did; the next test may have the page.
    opened.removeAllListeners();
    if (opened.isClosed()) return;
    await opened.evaluate('sessionStorage.clear(); localStorage.clear()').catch(() => {});
    await opened.goto('about:blank').catch(() => {});
    if (!opened.isClosed()) free.push(opened);
  });
  await opened.goto(url);
  await opened.locator('body[data-ready="true"]').waitFor();
  return opened;
}

const projector = { width: 1280, height: 720 };

/** Pages {@link openPage} may hand out again, by their context options; all in {@link openContexts}. */
const idlePages = new Map<string, Page[]>();
const openContexts = new Set<BrowserContext>();

/**
 * Closes the contexts {@link openPage} made: a shard calls it after each file, so no page outlives its file
 * (a file run alone closes its browser, and with it every context).
 */
export async function closePages(): Promise<void> {
  const contexts = [...openContexts];
  openContexts.clear();
  idlePages.clear();
  for (const context of contexts) await context.close().catch(() => {});
}
(globalThis as { mockIdpClosePages?: () => Promise<void> }).mockIdpClosePages = closePages;

/** Saves a screenshot of the viewport (or the whole page) as `<name>.png` in {@link screenshotDir}. */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage });
}
