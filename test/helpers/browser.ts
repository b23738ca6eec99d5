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
 * Where the page tests save their screenshots (ignored by git) when MOCK_IDP_SCREENSHOTS=1: a screenshot costs
 * 0.2 CPU-seconds and nothing reads them in an ordinary run. The README's, in docs/screenshots/, are copies of
 * a few of them.
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
 * another, and each used to start its own (a second of CPU each). A page {@link openPage} made may serve a
 * later file once its test has ended and been cleared ({@link closePages}). A file run alone closes it when it ends; a shard
 * closes it when its last file has ended ({@link closeBrowsers}).
 */
const sharedBrowsers = new Map<string, Promise<Browser>>();

/** Closes the browsers {@link launchBrowser} started in this process. */
export async function closeBrowsers(): Promise<void> {
  const browsers = [...sharedBrowsers.values()];
  sharedBrowsers.clear();
  idlePages.clear();
  openContexts.clear();
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
 * (about 2.4 CPU-seconds against 0.7), so a page a finished test opened with the same `options` (the viewport
 * aside) is navigated again, in this file or a later one of the same shard, once what that test left on it is
 * cleared: its listeners, routes, media emulation, viewport, cookies and the storage of its origin. Tests still
 * never share a page while they run; a test that wants a context of its own (init scripts, permissions) makes
 * it with `browser.newContext`. `beforeLoad` runs before the page is loaded (listeners, `page.route`); with
 * `ready: false` the page is returned once loaded, not ready (a page that waits for the admin token).
 *
 * A finished test's page stays on its (closed) server's address until the next test navigates it: from one
 * 127.0.0.1 port to another is the same site, so chromium keeps the renderer process, while a stop at
 * about:blank between them starts a new renderer each time (twice the CPU of the navigation).
 */
export async function openPage(
  t: Test,
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
  { beforeLoad, ready = true }: { beforeLoad?: (page: Page) => Promise<unknown>; ready?: boolean } = {},
): Promise<Page> {
  const { viewport = projector, ...rest } = options;
  const key = JSON.stringify(rest);
  const free = idlePages.get(key) ?? [];
  idlePages.set(key, free);
  const at = free.findIndex((idle) => idle.context().browser() === browser && !idle.isClosed());
  let page = at >= 0 ? free.splice(at, 1)[0] : undefined;
  if (page) {
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().unrouteAll({ behavior: 'ignoreErrors' });
    await page.emulateMedia({ media: null, colorScheme: null, reducedMotion: null, forcedColors: null, contrast: null });
    await page.setViewportSize(viewport ?? projector);
    await page.context().clearCookies();
  } else {
    const context = await browser.newContext({ ...rest, viewport });
    page = await context.newPage();
    openContexts.add(context);
  }
  const opened = page;
  opened.setDefaultTimeout(10_000);
  opened.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`));
  t.teardown(async () => {
    // Forgets what the test did; the next test (of this file or a later one) may have the page. Until then the
    // page stays idle: its timers (the clock's tick, the polls) are cleared, as they would redraw it for nothing.
    opened.removeAllListeners();
    if (opened.isClosed()) return;
    await opened.evaluate(quiet).catch(() => {});
    free.push(opened);
  });
  await beforeLoad?.(opened);
  await opened.goto(url);
  if (ready) await opened.locator('body[data-ready="true"]').waitFor();
  return opened;
}

const projector = { width: 1280, height: 720 };

/** Clears the page's storage and every timer it set (timer ids count up from 1; clearTimeout clears intervals too). */
const quiet = 'sessionStorage.clear(); localStorage.clear(); for (let id = setTimeout(() => {}); id > 0; id--) clearTimeout(id)';

/** Pages {@link openPage} may hand out again, by their context options; all in {@link openContexts}. */
const idlePages = new Map<string, Page[]>();
const openContexts = new Set<BrowserContext>();

/**
 * Closes the contexts {@link openPage} made whose page is not idle (a test that never ended): a shard calls it
 * after each file. The idle pages, cleared by their tests' teardowns, stay for the shard's next files (a new
 * context costs three navigations); {@link closeBrowsers} closes them with their browser.
 */
export async function closePages(): Promise<void> {
  const idle = new Set(
    [...idlePages.values()]
      .flat()
      .filter((page) => !page.isClosed())
      .map((page) => page.context()),
  );
  for (const context of [...openContexts]) {
    if (idle.has(context)) continue;
    openContexts.delete(context);
    await context.close().catch(() => {});
  }
}
(globalThis as { mockIdpClosePages?: () => Promise<void> }).mockIdpClosePages = closePages;

/**
 * Saves a screenshot of the viewport (or the whole page) as `<name>.png` in {@link screenshotDir}, when
 * MOCK_IDP_SCREENSHOTS=1 (`MOCK_IDP_SCREENSHOTS=1 npx tap test/page/layout.test.ts`); otherwise does nothing.
 */
export async function screenshot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  if (process.env['MOCK_IDP_SCREENSHOTS'] !== '1') return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage });
}
