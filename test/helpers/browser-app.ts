import { build } from 'esbuild';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

/** Bundles a browser app (plain JS, its imports from node_modules) with esbuild, in memory. */
export async function bundleBrowserApp(entry: string): Promise<Uint8Array> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.contents;
}

/**
 * Serves a bundled app on 127.0.0.1, on a port of its own (so a browser treats it as another origin
 * than mock-idp): `/app.js` is the script; `pages` are the paths that answer the HTML page, which
 * carries `config()` as JSON in `<script id="config">` and `body`. Closed when the test ends.
 * `host: 'localhost'` gives the URL as http://localhost:<port> (same socket): a secure context whose
 * host is a domain, as WebAuthn wants for its relying party id.
 */
export async function serveBrowserApp(
  t: Test,
  options: { script: Uint8Array; title: string; config: () => unknown; pages?: readonly string[]; body?: string; host?: '127.0.0.1' | 'localhost' },
): Promise<string> {
  const pages = options.pages ?? ['/'];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === '/app.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(options.script);
    if (!pages.includes(path)) return response.writeHead(404).end();
    const json = JSON.stringify(options.config()).replace(/</g, '\\u003c');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><title>${options.title}</title><link rel="icon" href="data:,">` +
          `<script type="application/json" id="config">${json}</script>${options.body ?? ''}<script type="module" src="/app.js"></script>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
}
