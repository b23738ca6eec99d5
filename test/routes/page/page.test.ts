/**
 * The teaching page's files as the server serves them, without a browser:
 * security headers, content types, caching, nothing outside the page's
 * files, no inline script or style, nothing from another origin, and every
 * module the page imports is there. test/page/ drives it in chromium.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadPageAssets } from '../../../src/routes/page/assets.js';
import { contentSecurityPolicy } from '../../../src/routes/page/security-headers.js';
import { assertErrorBody } from '../../helpers/error-body.js';
import { startTestIdp } from '../../helpers/idp.js';

const idp = await startTestIdp(t);
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(idp.url + path, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

t.test('GET / is the page, with strict security headers', async (t) => {
  const res = await get('/');
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  const csp = res.headers.get('content-security-policy')!;
  t.equal(csp, contentSecurityPolicy);
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"]) {
    t.ok(csp.split('; ').includes(directive), directive);
  }
  t.notMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:/, 'no inline code, no eval, no other origin');
  t.equal(res.headers.get('x-content-type-options'), 'nosniff');
  t.equal(res.headers.get('referrer-policy'), 'no-referrer');
  t.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
  t.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');
  t.equal(res.headers.get('x-frame-options'), 'DENY');
  t.equal(res.headers.get('cache-control'), 'no-cache');
  t.match(res.text, /<html lang="en">/);
});

t.test('its files: types, headers, ETag revalidation', async (t) => {
  const html = (await get('/')).text;
  const referenced = [...html.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]!);
  t.same(referenced.sort(), ['page/favicon.svg', 'page/js/main.js', 'page/page.css'], 'the HTML loads only its own files, by relative URL');
  const types: Record<string, RegExp> = { '/page/page.css': /^text\/css/, '/page/js/main.js': /^text\/javascript/, '/page/matrix.json': /^application\/json/, '/page/favicon.svg': /^image\/svg\+xml/ };
  for (const [path, type] of Object.entries(types)) {
    const res = await get(path);
    t.equal(res.status, 200, path);
    t.match(res.headers.get('content-type'), type, `${path}: ${res.headers.get('content-type')}`);
    t.equal(res.headers.get('content-security-policy'), contentSecurityPolicy, `${path}: CSP`);
    t.equal(res.headers.get('x-content-type-options'), 'nosniff', `${path}: nosniff`);
    const again = await get(path, { 'if-none-match': res.headers.get('etag')! });
    t.equal(again.status, 304, `${path}: 304 for its ETag`);
  }
  const head = await fetch(`${idp.url}/`, { method: 'HEAD' });
  t.equal(head.status, 200, 'HEAD /');
});

t.test('nothing but the page\'s files: a 404 in the control API\'s format, with the same headers', async (t) => {
  for (const path of ['/page/', '/page/nope.js', '/page/js/nope.js', '/page/../package.json', '/page/js/..%2f..%2fpackage.json', '/page/%2e%2e/%2e%2e/package.json', '/page/index.html', '/page/js/main.ts']) {
    const res = await get(path);
    const body = res.status === 404 ? JSON.parse(res.text) : null;
    assertErrorBody(t, { status: res.status, body }, 404, 'NOT_FOUND', path);
  }
  const notFound = await get('/page/nope.js');
  t.equal(notFound.headers.get('content-security-policy'), contentSecurityPolicy, 'a 404 of the page has its headers too');
});

t.test('the page\'s code: no inline script or style, nothing from another origin, every import served', async (t) => {
  const html = (await get('/')).text;
  t.notMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  t.notMatch(html, /<style|\sstyle=|\son[a-z]+=/i, 'no <style>, style attribute or inline event handler');
  const seen = new Set<string>();
  const queue = ['main.js'];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const res = await get(`/page/js/${name}`);
    t.equal(res.status, 200, `page/js/${name} is served`);
    t.notMatch(res.text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, `${name}: builds the DOM from nodes, evaluates no strings`);
    t.notMatch(res.text, /https?:\/\//, `${name}: nothing from another origin`);
    for (const [, imported] of res.text.matchAll(/from '\.\/([\w-]+\.js)'/g)) queue.push(imported!);
  }
  t.ok(seen.size >= 10, `the modules main.js loads: ${[...seen].join(', ')}`);
  t.notMatch((await get('/page/page.css')).text, /@import|url\(|https?:/, 'the CSS loads nothing (no web fonts)');
});

t.test('missing files are reported, not fatal (the scripts before `npm run build`)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mock-idp-page-'));
  t.teardown(async () => (await import('node:fs/promises')).rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  const { assets, missing } = await loadPageAssets({ static: `${dir}/`, scripts: `${dir}/no-such-dir/` });
  t.same([...assets.keys()], ['/']);
  t.ok(missing.some((m) => m.endsWith('*.js')) && missing.some((m) => m.endsWith('page.css')), 'names what is missing');
});
