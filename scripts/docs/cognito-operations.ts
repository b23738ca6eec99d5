import { operations } from '../../src/routes/cognito-api/registry.js';
import { cell, code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/cognito-operations.md, from the operation registry
 * (src/routes/cognito-api/registry.ts): one row per operation, alphabetically, with who may call
 * it, what it does and every known difference from Cognito.
 */
export const cognitoOperationsPage: GeneratedPage = {
  path: 'docs/reference/cognito-operations.md',
  regions: () => [renderCognitoOperations()],
};

export function renderCognitoOperations(): string {
  const rows = Object.entries(operations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, op]) => [code(name), op.access === 'iam' ? 'IAM' : 'public', cell(op.summary), op.differences ? cell(op.differences) : '']);
  const iam = rows.filter((row) => row[1] === 'IAM').length;
  return [`${rows.length} operations: ${iam} IAM, ${rows.length - iam} public.`, '', table(['operation', 'access', 'what it does here', 'known differences from Cognito'], rows)].join('\n');
}
