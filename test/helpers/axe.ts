import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import type { Test } from 'tap';
import { openPage } from './browser.js';

const require = createRequire(import.meta.url);

/** axe-core's browser build, read once from node_modules. */
let axeSource: Promise<string> | null = null;

/** A violation as axe-core reports it (the fields read here). */
interface RawViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** One violation axe-core found: its rule, impact, and the first few elements it names. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (from npm) in `page` (or only in the element `include`
 * selects) and returns its serious and critical violations, each with the
 * selectors of up to five elements. The page's strict CSP would refuse the injected script: open the page in a context with
 * `bypassCSP: true` (tests only; the server's CSP stays as it is).
 *
 * @example
 * t.same(await axeViolations(page), [], 'no serious or critical violations');
 */
export async function axeViolations(page: Page, { include }: { include?: string } = {}): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ content: await axeSource });
  // A string, run in the page: the tests' TypeScript has no DOM types. `include` scopes the audit to one element (a selector).
  const context = include ? JSON.stringify({ include: [include] }) : 'document';
  const raw = await page.evaluate<RawViolation[]>(`axe.run(${context}, { resultTypes: ['violations'] }).then((r) => r.violations)`);
  return raw
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
}

/**
 * A fresh page at `viewport` (its own context, `bypassCSP` so axe-core can be
 * injected), opened on `url` and waited on until the page says it is ready. A
 * script error in the page fails the test.
 */
export async function openAuditPage(t: Test, browser: Browser, url: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  return openPage(t, browser, url, { viewport, bypassCSP: true });
}
