// ESLint flat config: typescript-eslint with type information. Each file is checked against the tsconfig.json nearest
// to it (the root one, or src/page's for the browser page). `npm run lint` runs it; CI fails on any error.
// The rule set is `recommendedTypeChecked`, trimmed where it fights how this codebase is written (each switch-off says
// why), plus the promise rules (a promise nobody awaits is how a failure vanishes or a request is answered twice) and
// the house rules the code already keeps: time from the injected clock, the environment read at the edge.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'coverage/', '.tap/', 'page/', '**/*.d.ts', 'src/config/validators.generated.ts'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promises: awaited, returned, or handed to something that handles their rejection. tap's `t.test()` is the
      // exception: tap queues unawaited subtests itself, and that is how the tests here are written.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafePromises: [{ from: 'package', name: 'PromiseWithSubtest', package: '@tapjs/core' }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Off: handlers and store methods are `async` without an `await` on purpose. The signature says Promise, and a
      // throw inside becomes a rejection, which is what callers handle (`Handler`, `Store`).
      '@typescript-eslint/require-await': 'off',
      // Off: its hits are deliberate `String(value)` on untrusted JSON input, echoed into validation messages the way
      // Cognito echoes them. Implicit stringification in templates is still caught by restrict-template-expressions.
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowBoolean: true,
          allowNullish: true,
          allow: [
            { from: 'lib', name: ['Error', 'URL', 'URLSearchParams'] },
            { from: 'package', name: 'URLSearchParams', package: 'url' },
          ],
        },
      ],
      // `_`-prefixed names and rest siblings are how a field is left out on purpose (`const { d: _d, ...publicJwk }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // The server, CLI and library. Time is `clock.now()` (the server's shiftable clock) and the environment is read
    // only by the config loader and the process edge.
    files: ['src/**/*.ts'],
    ignores: ['src/page/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Time is clock.now() (the injected Clock), not the wall clock.' },
        { object: 'process', property: 'env', message: 'Only the config loader (src/config/load-config.ts) and the process edge (src/cli/bin.ts) read process.env.' },
      ],
    },
  },
  {
    files: ['src/clock.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The process edge: the config loader and the CLI's entry point read the environment.
    files: ['src/config/load-config.ts', 'src/cli/bin.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time is clock.now() (the injected Clock).' }] },
  },
  {
    // Wall-clock time on purpose: the CLI's log timestamps, and the verifier library's default `now` (its users
    // inject their own clock through its options).
    files: ['src/cli/**/*.ts', 'src/verifier/**/*.ts'],
    ignores: ['src/cli/bin.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only the config loader (src/config/load-config.ts) and the process edge (src/cli/bin.ts) read process.env.' },
      ],
    },
  },
  {
    // Tests read JSON bodies and third-party results as `any`; type-checking every `res.json()` is noise, not safety.
    // They detach methods on purpose (to test them, or to leave one out of a spread), and match column-aligned output
    // with literal runs of spaces.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      'no-regex-spaces': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (the CI scripts, the bin shim, the benchmark's reference servers, the compose consumer):
    // no tsconfig covers it, so no type-aware rules.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The bin is CommonJS (bin/package.json): it sizes libuv's threadpool before the ES module loader starts it.
    files: ['bin/*.js', 'bin/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Browser apps the tests bundle with esbuild and run in chromium.
    files: ['test/oauth2/spa/**/*.js', 'test/cognito-api/amplify-app/**/*.js', 'test/cognito-api/passkeys-app/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
