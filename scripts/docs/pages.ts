import { appServicesWireFormatPage } from './app-services-wire-format.js';
import { cliPage } from './cli.js';
import { cognitoOperationsPage } from './cognito-operations.js';
import { cognitoWireFormatPage } from './cognito-wire-format.js';
import { configurationPage } from './configuration.js';
import { errorsPage } from './errors.js';
import type { GeneratedPage } from './regions.js';
import { scenariosPage } from './scenarios.js';
import { verifierMatrixPage } from './verifier-matrix.js';

/** Every page with generated regions: what `npm run docs` rewrites and test/docs/generated-docs.test.ts checks. */
export const generatedPages: readonly GeneratedPage[] = [
  configurationPage,
  errorsPage,
  scenariosPage,
  cliPage,
  cognitoOperationsPage,
  verifierMatrixPage,
  cognitoWireFormatPage,
  appServicesWireFormatPage,
];
