import { appServicesErrorCodes } from '../../src/app-services/errors.js';
import { cell, code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/app-services-wire-format.md: prose with its sources, written by hand, around the
 * table of the `error_code`s the App Services emulator answers with (`appServicesErrorCodes`,
 * src/app-services/errors.ts).
 */
export const appServicesWireFormatPage: GeneratedPage = {
  path: 'docs/reference/app-services-wire-format.md',
  regions: () => [renderAppServicesErrorCodes()],
};

export function renderAppServicesErrorCodes(): string {
  return table(
    ['`error_code`', 'HTTP', 'when mock-idp answers it'],
    Object.entries(appServicesErrorCodes).map(([name, { status, summary }]) => [code(name), String(status), cell(summary)]),
  );
}
