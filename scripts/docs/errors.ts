import { errorCodes } from '../../src/errors.js';
import { verificationErrorCodes } from '../../src/verifier/errors.js';
import { cell, code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/errors.md: the control API's error codes with their HTTP status
 * (`errorCodes`, src/errors.ts) and the verifier's verification codes
 * (`verificationErrorCodes`, src/verifier/errors.ts), in the order the code lists them.
 */
export const errorsPage: GeneratedPage = {
  path: 'docs/reference/errors.md',
  regions: () => [renderErrorCodes(), renderVerificationCodes()],
};

export function renderErrorCodes(): string {
  return table(
    ['code', 'HTTP', 'meaning'],
    Object.entries(errorCodes).map(([name, { status, summary }]) => [code(name), String(status), cell(summary)]),
  );
}

export function renderVerificationCodes(): string {
  return table(
    ['code', 'when'],
    Object.entries(verificationErrorCodes).map(([name, meaning]) => [code(name), cell(meaning)]),
  );
}
