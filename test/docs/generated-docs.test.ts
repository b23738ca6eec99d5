import { readFile } from 'node:fs/promises';
import t from 'tap';
import { cognitoOperationsDocPath, renderCognitoOperationsDoc } from '../../scripts/cognito-operations-doc.js';
import { operations } from '../../src/routes/cognito-api/registry.js';

t.test('docs/cognito-operations.md is what the operation registry generates (run `npm run docs` after changing it)', async (t) => {
  const committed = await readFile(cognitoOperationsDocPath, 'utf8').catch(() => '');
  t.equal(committed, renderCognitoOperationsDoc());
});

t.test('every operation says what it does, in a line', async (t) => {
  for (const [name, op] of Object.entries(operations)) {
    t.ok(op.summary.length > 0 && !op.summary.includes('\n'), name);
    t.ok(op.access === 'iam' || !name.startsWith('Admin'), `${name}: every Admin* operation needs IAM credentials in Cognito`);
  }
});
