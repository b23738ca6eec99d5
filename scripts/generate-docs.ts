/**
 * `npm run docs`: rewrites the documentation tables that the code holds, so that none is copied by hand.
 * A test (test/docs/generated-docs.test.ts) fails while a generated file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cognitoOperationsDocPath, renderCognitoOperationsDoc } from './cognito-operations-doc.js';

await writeFile(cognitoOperationsDocPath, renderCognitoOperationsDoc());
console.log(`wrote ${fileURLToPath(cognitoOperationsDocPath)}`);
