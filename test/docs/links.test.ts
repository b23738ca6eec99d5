/**
 * Every relative link in the README, CONTRIBUTING.md and docs/ leads somewhere: to a file that exists and,
 * with a `#fragment`, to a heading of that file (GitHub's anchors). And every page of docs/ is in its index.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const root = fileURLToPath(new URL('../../', import.meta.url));
const docsPages = (await readdir(join(root, 'docs'), { recursive: true })).filter((f) => f.endsWith('.md')).map((f) => join('docs', f));
const pages = ['README.md', 'CONTRIBUTING.md', ...docsPages];

/** The text outside fenced code blocks and inline code, where Markdown makes links and headings. */
export function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The link targets of a page: `[text](target)` and `![alt](target)`. */
export function linkTargets(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2… */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  for (const [, text] of withoutFences.matchAll(/^#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const plain = text!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*~]/g, '');
    const slug = plain
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    result.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return result;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

for (const page of pages) {
  t.test(`${page}: every relative link leads to a file and heading that exist`, async (t) => {
    const text = await readFile(join(root, page), 'utf8');
    const targets = linkTargets(text).filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
    if (targets.length === 0) return t.pass('no relative links');
    for (const target of targets) {
      const [path = '', fragment] = target.split('#', 2);
      const file = path === '' ? join(root, page) : join(root, dirname(page), decodeURIComponent(path));
      const where = relative(root, file);
      if (!(await exists(file))) {
        t.fail(`${target}: ${where} does not exist`);
        continue;
      }
      if (fragment === undefined) {
        t.pass(target);
        continue;
      }
      const headings = anchors(await readFile(file, 'utf8'));
      t.ok(headings.has(fragment), `${target}: ${where} has a heading for #${fragment}`, { found: [...headings] });
    }
  });
}

t.test('docs/README.md, the index, links every page of docs/', async (t) => {
  const index = linkTargets(await readFile(join(root, 'docs/README.md'), 'utf8')).map((target) => join('docs', target.split('#')[0]!));
  for (const page of docsPages.filter((p) => p !== join('docs', 'README.md'))) t.ok(index.includes(page), page);
});

t.test("anchors are GitHub's", async (t) => {
  const headings = anchors("# Caching: the JWKS's headers\n## `mock-idp/verifier`\n## Repeat\n## Repeat\n```\n# not a heading\n```\n");
  t.same([...headings], ['caching-the-jwkss-headers', 'mock-idpverifier', 'repeat', 'repeat-1']);
  t.same(linkTargets('[a](x.md) `[b](y.md)` ![c](z.png "title")\n```\n[d](w.md)\n```\n'), ['x.md', 'z.png']);
});
