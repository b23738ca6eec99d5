/**
 * Every tracked file cites public sources: none may point at notes that live outside the
 * repository, since those links are broken for everyone who clones it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('..', import.meta.url));

// Built from parts so that this file does not match itself.
const forbidden = [
  ['reference', '/cognito.md'],
  ['reference', '/appservices.md'],
  ['reference', ' §'],
  ['..', '/shared'],
].map((parts) => parts.join(''));

function trackedFiles(): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

const files = trackedFiles();

t.test('no tracked file points at notes outside the repository', { skip: files ? false : 'not a git checkout' }, async (t) => {
  const offenders: string[] = [];
  for (const file of files!) {
    if (file.split('/').includes('node_modules') || file.endsWith('package-lock.json')) continue;
    let text: string;
    try {
      text = await readFile(`${root}${file}`, 'utf8');
    } catch {
      continue; // deleted in the work tree but still in the index
    }
    if (text.includes('\0')) continue; // binary
    text.split('\n').forEach((line, i) => {
      for (const needle of forbidden) if (line.includes(needle)) offenders.push(`${file}:${i + 1}: ${needle}`);
    });
  }
  t.same(offenders, [], 'cite the public source (AWS docs, the botocore model, a library file, an issue) instead');
});

/**
 * Every repository path a source comment or a markdown page cites (`docs/….md`, `src/….ts`, `test/….ts`,
 * `scripts/…`) exists. Paths inside a longer path or a URL (`../src/x.js`, `aws-jwt-verify/dist/…`,
 * `github.com/…/src/App.ts`) are someone else's and are not checked, nor are paths in code (a test's
 * temporary files); new files count once they exist in the work tree, tracked or not.
 */
const citedPath = /(?<![\w./@~$-])(docs\/[\w./-]*?\.md|src\/[\w./-]*?\.ts|test\/[\w./-]*?\.ts|scripts\/[\w./-]*\w)(?![\w/-])/g;

/** The comments of a source file (`/* … *\/` and `// …`) with their offsets; a markdown page is all prose. */
function citingText(file: string, text: string): Array<{ at: number; text: string }> {
  if (file.endsWith('.md')) return [{ at: 0, text }];
  return [...text.matchAll(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g)].map((m) => ({ at: m.index, text: m[0] }));
}

function filesOfWorkTree(): string[] | undefined {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return [...new Set(out.split('\0').filter(Boolean))];
  } catch {
    return undefined;
  }
}

const workTree = filesOfWorkTree();

t.test('every repository path cited in a source comment or a markdown page exists', { skip: workTree ? false : 'not a git checkout' }, async (t) => {
  const cites = (file: string) => file.endsWith('.md') || (/^(src|scripts|test)\//.test(file) && /\.(ts|mts|mjs|js|cjs)$/.test(file) && !file.endsWith('.generated.ts'));
  const missing: string[] = [];
  for (const file of workTree!) {
    if (file.split('/').includes('node_modules') || !cites(file)) continue;
    let text: string;
    try {
      text = await readFile(`${root}${file}`, 'utf8');
    } catch {
      continue; // deleted in the work tree but still in the index
    }
    for (const part of citingText(file, text)) {
      for (const match of part.text.matchAll(citedPath)) {
        const line = text.slice(0, part.at + match.index).split('\n').length;
        if (!existsSync(`${root}${match[1]}`)) missing.push(`${file}:${line}: ${match[1]}`);
      }
    }
  }
  t.same(missing, [], 'point these at the file that holds the text now (docs/reference/…, docs/guides/…)');
});
