import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageDir } from '../../config/package-dir.js';
import { entityTag } from '../etag.js';

/** A file of the teaching page, read once at start. */
export interface PageAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Where the page's files are in the package: the hand-written HTML and CSS and
 * the generated matrix in `page/`, and the front end compiled from `src/page/`
 * in `dist/page/`.
 */
export const pageDirs = {
  static: join(packageDir, 'page/'),
  scripts: join(packageDir, 'dist/page/'),
};

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
};

async function asset(file: string): Promise<PageAsset> {
  const body = await readFile(file);
  const extension = file.slice(file.lastIndexOf('.') + 1);
  return { body, contentType: contentTypes[extension]!, etag: entityTag(body) };
}

async function filesIn(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(`.${extension}`)).sort();
  } catch {
    return [];
  }
}

/**
 * The page's files by URL path: `/` (index.html), `/page/page.css`,
 * `/page/matrix.json`, `/page/favicon.svg` and `/page/js/<module>.js`.
 * Nothing else is served, so no request path ever reaches the file system.
 * Missing files are left out and named in `missing` (the scripts are missing
 * until `npm run build`).
 */
export async function loadPageAssets(dirs = pageDirs): Promise<{ assets: Map<string, PageAsset>; missing: string[] }> {
  const assets = new Map<string, PageAsset>();
  const missing: string[] = [];
  const wanted: Array<[string, string]> = [
    ['/', `${dirs.static}index.html`],
    ['/page/page.css', `${dirs.static}page.css`],
    ['/page/matrix.json', `${dirs.static}matrix.json`],
    ['/page/favicon.svg', `${dirs.static}favicon.svg`],
  ];
  const scripts = await filesIn(dirs.scripts, 'js');
  if (scripts.length === 0) missing.push(`${dirs.scripts}*.js`);
  for (const name of scripts) wanted.push([`/page/js/${name}`, `${dirs.scripts}${name}`]);
  // Read at once, not one after another: the server's start waits for them (each read is four trips to libuv's threadpool).
  const read = await Promise.all(wanted.map(([, file]) => asset(file).catch(() => null)));
  wanted.forEach(([path, file], i) => {
    const found = read[i];
    if (found) assets.set(path, found);
    else missing.push(file);
  });
  return { assets, missing };
}
