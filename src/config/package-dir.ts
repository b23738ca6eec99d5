import { fileURLToPath } from 'node:url';

/**
 * The package's root folder, from this module's place: two levels down, in src/
 * (tests, tsx) as in dist/ (tsc's output) and in dist/cli-bundle/ (the CLI bundle,
 * whose chunks all sit at that depth; see scripts/bundle-cli.mjs). Paths to
 * package files (package.json, fixtures/, page/, dist/page/) start here, so they
 * hold in every one of those layouts.
 */
export const packageDir = fileURLToPath(new URL('../../', import.meta.url));
