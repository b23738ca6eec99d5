/**
 * The package's .d.ts files as `npm run build` makes them: dist/ when it is
 * not older than src/, else a fresh declaration-only build into a temporary
 * folder (so a test never judges stale declarations).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = join(repoDir, 'src');
const distDir = join(repoDir, 'dist');

/** Every .ts under src/. */
async function sourceFiles(dir = srcDir): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/**
 * Null when every source has a declaration in dist/ at least as new; else the
 * first that has none. src/page has its own build (into page/): its files
 * count only where the server's build emits them too (the types the server
 * shares with the page).
 */
export async function staleDeclaration(): Promise<string | null> {
  const pageDir = join(srcDir, 'page');
  for (const source of await sourceFiles()) {
    const declaration = join(distDir, relative(srcDir, source).replace(/\.ts$/, '.d.ts'));
    const built = await stat(declaration).catch(() => null);
    if (!built && source.startsWith(pageDir)) continue;
    if (!built || built.mtimeMs < (await stat(source)).mtimeMs) return relative(repoDir, source);
  }
  return null;
}

/**
 * A folder laid out like dist/ holding the package's declarations. Builds them
 * (tsconfig.build.json, declarations only) unless dist/ is fresh; `cleanup`
 * removes what was built.
 */
export async function declarations(): Promise<{ dir: string; built: boolean; cleanup: () => Promise<void> }> {
  if ((await staleDeclaration()) === null) return { dir: distDir, built: false, cleanup: async () => {} };
  const { default: ts } = await import('typescript');
  const dir = await mkdtemp(join(tmpdir(), 'mock-idp-dts-'));
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoDir, 'tsconfig.build.json'),
    { outDir: dir, declaration: true, emitDeclarationOnly: true, sourceMap: false, noEmit: false },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.build.json cannot be read');
  // Type errors in src are the typecheck's to report (npm run typecheck); the declarations are emitted regardless.
  ts.createProgram({ rootNames: config.fileNames, options: config.options }).emit();
  return { dir, built: true, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
