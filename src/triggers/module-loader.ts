import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvokeFailure } from './invoke-errors.js';

const typeScript = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * Loads a handler module: JavaScript natively, TypeScript through tsx's `tsImport`, taken from the
 * module's own project first (a `tsx` it depends on) and then from mock-idp's.
 */
export async function loadHandlerModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    if (!typeScript.has(extname(path))) return (await import(url)) as Record<string, unknown>;
    const tsImport = await findTsImport(path);
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof InvokeFailure) throw error;
    throw new InvokeFailure('unreachable', `cannot load ${path}: ${(error as Error).message}`);
  }
}

type TsImport = (specifier: string, parent: string) => Promise<unknown>;

async function findTsImport(path: string): Promise<TsImport> {
  for (const from of [pathToFileURL(path).href, import.meta.url]) {
    const entry = tsxApiEntry(from);
    if (!entry) continue;
    const api = (await import(pathToFileURL(entry).href)) as { tsImport?: TsImport };
    if (typeof api.tsImport === 'function') return api.tsImport;
  }
  throw new InvokeFailure(
    'unreachable',
    `${path} is TypeScript, which needs tsx (4.x): install it in that project (npm install --save-dev tsx), or compile the handler to JavaScript (from ${dirname(path)})`,
  );
}

/** The ESM entry of tsx's `tsx/esm/api`, as the tsx package seen from `from` declares it in its exports map. */
function tsxApiEntry(from: string): string | null {
  let manifestPath: string;
  try {
    manifestPath = createRequire(from).resolve('tsx/package.json');
  } catch {
    return null;
  }
  const manifest = createRequire(from)(manifestPath) as { exports?: Record<string, unknown> };
  const api = manifest.exports?.['./esm/api'] as { import?: { default?: unknown } | string } | undefined;
  const target = typeof api?.import === 'string' ? api.import : api?.import?.default;
  return typeof target === 'string' ? join(dirname(manifestPath), target) : null;
}
