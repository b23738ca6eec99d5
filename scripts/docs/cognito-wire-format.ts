import { CognitoError, cognitoErrorTypes } from '../../src/cognito/errors.js';
import { oauthErrorCodes } from '../../src/cognito/oauth-errors.js';
import { code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/cognito-wire-format.md: prose with its sources, written by hand, around two tables
 * the code holds: the Cognito error types the JSON API answers with (`cognitoErrorTypes`,
 * src/cognito/errors.ts) and the OAuth2 error codes of the hosted-UI endpoints (`oauthErrorCodes`,
 * src/cognito/oauth-errors.ts).
 */
export const cognitoWireFormatPage: GeneratedPage = {
  path: 'docs/reference/cognito-wire-format.md',
  regions: () => [renderCognitoErrorTypes(), renderOAuthErrorCodes()],
};

export function renderCognitoErrorTypes(): string {
  return table(
    ['`__type`', 'HTTP'],
    cognitoErrorTypes.map((type) => [code(type), String(new CognitoError(type, '').statusCode)]),
  );
}

export function renderOAuthErrorCodes(): string {
  return table(
    ['`error`', 'HTTP (by default)'],
    Object.entries(oauthErrorCodes).map(([name, status]) => [code(name), String(status)]),
  );
}
