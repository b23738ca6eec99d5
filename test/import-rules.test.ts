/**
 * How src/ modules may depend on each other: app-wide plugins (src/plugins)
 * never reach into a surface's routes (src/routes), and no module imports
 * itself through others at run time (a cycle makes what a module sees at load
 * time depend on which module loaded first). Type-only imports (`import type`,
 * `export type … from`) vanish from the JavaScript, so they may go both ways.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

interface ImportEdge {
  to: string;
  /** `import type` / `export type … from`: gone from the JavaScript. */
  typeOnly: boolean;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [join(dir, e.name)] : []))));
  return nested.flat();
}

/** The relative imports and re-exports of a module, static and dynamic, resolved to .ts files. */
function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    // Our modules: relative, named by their .js output (JSON and other files are not modules of the graph).
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.') || !specifier.text.endsWith('.js')) return;
    edges.push({ to: resolve(dirname(file), specifier.text.replace(/\.js$/, '.ts')), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const files = await sourceFiles(src);
const graph = new Map<string, ImportEdge[]>();
for (const file of files) graph.set(file, importsOf(file, await readFile(file, 'utf8')));
const name = (file: string) => relative(root, file);

t.test('src/plugins imports nothing from src/routes', async (t) => {
  const offenders = [...graph].flatMap(([file, edges]) =>
    file.startsWith(join(src, 'plugins/')) ? edges.filter((e) => e.to.startsWith(join(src, 'routes/'))).map((e) => `${name(file)} → ${name(e.to)}`) : [],
  );
  t.same(offenders, [], 'what a plugin and a route both need lives outside both (src/security, src/app-services, …)');
});

t.test('every relative import names a module that exists (so the graph above is whole)', async (t) => {
  const missing = [...graph].flatMap(([file, edges]) => edges.filter((e) => !graph.has(e.to)).map((e) => `${name(file)} → ${name(e.to)}`));
  t.same(missing, []);
});

t.test('no import cycles in src/ at run time', async (t) => {
  const runtime = new Map([...graph].map(([file, edges]) => [file, edges.filter((e) => !e.typeOnly)]));
  t.same(cycles(runtime), [], 'each is a set of modules that import each other');
});

/** Tarjan's strongly connected components of more than one module (or a module importing itself). */
function cycles(edges: Map<string, ImportEdge[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const { to: w } of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(name(w));
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).some((e) => e.to === v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return found;
}
