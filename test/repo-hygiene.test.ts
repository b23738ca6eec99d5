/**
 * Every tracked file cites public sources: none may point at notes that live outside the
 * repository, since those links are broken for everyone who clones it.
 */
import { execFileSync } from 'node:child_process';
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
