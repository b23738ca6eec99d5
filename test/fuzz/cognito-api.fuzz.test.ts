/**
 * Fuzzes the Cognito JSON API (`POST /` with X-Amz-Target): every operation
 * and unknown ones, with bodies built from the members the operations read
 * (wrong types, missing, oversized, unicode) and random SRP values, secret
 * hashes and tokens. Every answer is 200 or a 4xx `{__type, message}` with
 * `x-amzn-ErrorType`; never a 5xx.
 */
import fc from 'fast-check';
import t from 'tap';
import { operations } from '../../src/routes/cognito-api/registry.js';
import { startTestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { anyJson, bodyText, checkProperty, contentType, fuzzRuns, guardProcess, nastyString, objectWith } from './fuzz.js';
import { wireFormatProblem } from './wire-formats.js';

const guard = guardProcess(t);

const members = [
  'AccessToken',
  'AttributeName',
  'AttributesToGet',
  'AuthFlow',
  'AuthParameters',
  'ChallengeName',
  'ChallengeResponses',
  'ClientId',
  'ClientMetadata',
  'ClientSecret',
  'Code',
  'ConfirmationCode',
  'Filter',
  'GroupName',
  'Limit',
  'PaginationToken',
  'Password',
  'Permanent',
  'PreviousPassword',
  'ProposedPassword',
  'RefreshToken',
  'SecretHash',
  'Session',
  'Token',
  'UserAttributes',
  'UserPoolId',
  'Username',
  // The control plane's members.
  'PoolName',
  'Policies',
  'Schema',
  'CustomAttributes',
  'UsernameAttributes',
  'AliasAttributes',
  'AutoVerifiedAttributes',
  'AdminCreateUserConfig',
  'DeletionProtection',
  'UserPoolTags',
  'MfaConfiguration',
  'LambdaConfig',
  'MaxResults',
  'NextToken',
  'ClientName',
  'GenerateSecret',
  'ExplicitAuthFlows',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'CallbackURLs',
  'TokenValidityUnits',
  'AccessTokenValidity',
  'ReadAttributes',
  'WriteAttributes',
  'PreventUserExistenceErrors',
  'ClientSecretId',
  'Precedence',
  'RoleArn',
  'Description',
  'Domain',
  'CustomDomainConfig',
  'Identifier',
  'Name',
  'Scopes',
  'ProviderName',
  'ProviderType',
  'ProviderDetails',
  'AttributeMapping',
  'IdpIdentifiers',
  'IdpIdentifier',
  'ResourceArn',
  'Tags',
  'TagKeys',
  'UserAttributeNames',
];
const parameterNames = ['USERNAME', 'PASSWORD', 'SRP_A', 'SECRET_HASH', 'REFRESH_TOKEN', 'NEW_PASSWORD', 'PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP', 'DEVICE_KEY'];
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), maxLength: 800 });
const parameterValue = fc.oneof(nastyString, hex, fc.constantFrom('alice', 'Finding-8296-same!', '0', '00', 'Wed Jan 1 00:00:00 UTC 2030'), fc.base64String({ maxLength: 300 }), anyJson);
const memberValue = fc.oneof(
  { arbitrary: anyJson, weight: 3 },
  fc.constantFrom(
    'us-east-1_LocalPool',
    '1vngm1viu6qqksk0qckq8aag7p',
    '74tsdvbgrc3esbuvkbj4ft5dam',
    'alice',
    'bob',
    'USER_PASSWORD_AUTH',
    'USER_SRP_AUTH',
    'REFRESH_TOKEN_AUTH',
    'ADMIN_USER_PASSWORD_AUTH',
    'PASSWORD_VERIFIER',
    'NEW_PASSWORD_REQUIRED',
    'Finding-8296-same!',
    'email',
  ),
  objectWith(parameterNames, parameterValue),
  fc.array(fc.record({ Name: fc.oneof(fc.constantFrom('email', 'name', 'custom:tenant', 'sub'), nastyString), Value: fc.oneof(nastyString, anyJson) }), { maxLength: 3 }),
);

const spa = '1vngm1viu6qqksk0qckq8aag7p';
const backend = '74tsdvbgrc3esbuvkbj4ft5dam';
const pool = 'us-east-1_LocalPool';
/** Requests that pass validation, so that one mutated member reaches the operation's logic. */
const templates: Array<[string, Record<string, unknown>]> = [
  ['InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Finding-8296-same!' } }],
  ['InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'alice', SRP_A: 'a'.repeat(512) } }],
  ['InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: spa, AuthParameters: { REFRESH_TOKEN: 'eyJ.x.y.z.w' } }],
  ['InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: backend, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Finding-8296-same!', SECRET_HASH: 'AAAA' } }],
  ['AdminInitiateAuth', { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', UserPoolId: pool, ClientId: spa, AuthParameters: { USERNAME: 'bob', PASSWORD: 'x' } }],
  [
    'RespondToAuthChallenge',
    {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: spa,
      Session: 'x',
      ChallengeResponses: { USERNAME: 'alice', PASSWORD_CLAIM_SIGNATURE: 'AAAA', PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA', TIMESTAMP: 'Wed Jan 1 00:00:00 UTC 2030' },
    },
  ],
  ['RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: spa, Session: 'x', ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'Abcdef-123!' } }],
  ['GetTokensFromRefreshToken', { ClientId: spa, RefreshToken: 'x.y.z.w.v' }],
  ['SignUp', { ClientId: spa, Username: 'fuzz-user', Password: 'Abcdef-123!', UserAttributes: [{ Name: 'email', Value: 'f@example.com' }] }],
  ['ConfirmSignUp', { ClientId: spa, Username: 'fuzz-user', ConfirmationCode: '123456' }],
  ['ForgotPassword', { ClientId: spa, Username: 'bob' }],
  ['ConfirmForgotPassword', { ClientId: spa, Username: 'bob', ConfirmationCode: '123456', Password: 'Abcdef-123!' }],
  ['GetUser', { AccessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA' }],
  ['ChangePassword', { AccessToken: 'x', PreviousPassword: 'a', ProposedPassword: 'Abcdef-123!' }],
  ['UpdateUserAttributes', { AccessToken: 'x', UserAttributes: [{ Name: 'name', Value: 'x' }] }],
  ['RevokeToken', { ClientId: spa, Token: 'x' }],
  ['AdminGetUser', { UserPoolId: pool, Username: 'alice' }],
  ['AdminCreateUser', { UserPoolId: pool, Username: 'fuzz-admin-made', TemporaryPassword: 'Abcdef-123!' }],
  ['AdminUpdateUserAttributes', { UserPoolId: pool, Username: 'bob', UserAttributes: [{ Name: 'custom:tenant', Value: 'x' }] }],
  ['AdminSetUserPassword', { UserPoolId: pool, Username: 'bob', Password: 'Abcdef-123!', Permanent: true }],
  ['AdminAddUserToGroup', { UserPoolId: pool, Username: 'bob', GroupName: 'admin' }],
  ['ListUsers', { UserPoolId: pool, Filter: 'email ^= "a"', Limit: 5 }],
  [
    'CreateUserPool',
    {
      PoolName: 'fuzz',
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
      Schema: [{ Name: 'tenant', AttributeDataType: 'String' }],
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    },
  ],
  ['UpdateUserPool', { UserPoolId: pool, Policies: { PasswordPolicy: { MinimumLength: 8 } }, DeletionProtection: 'INACTIVE' }],
  ['DescribeUserPool', { UserPoolId: pool }],
  ['ListUserPools', { MaxResults: 10 }],
  ['AddCustomAttributes', { UserPoolId: pool, CustomAttributes: [{ Name: 'fuzzed', AttributeDataType: 'String' }] }],
  [
    'CreateUserPoolClient',
    {
      UserPoolId: pool,
      ClientName: 'fuzz',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      TokenValidityUnits: { AccessToken: 'minutes' },
      AccessTokenValidity: 30,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://example.com/cb'],
    },
  ],
  ['UpdateUserPoolClient', { UserPoolId: pool, ClientId: spa, ReadAttributes: ['email'], WriteAttributes: ['name'] }],
  ['AddUserPoolClientSecret', { UserPoolId: pool, ClientId: backend }],
  ['DeleteUserPoolClientSecret', { UserPoolId: pool, ClientId: backend, ClientSecretId: 'x' }],
  ['CreateGroup', { UserPoolId: pool, GroupName: 'fuzz-group', Precedence: 3, RoleArn: 'arn:aws:iam::000000000000:role/fuzz' }],
  ['ListUsersInGroup', { UserPoolId: pool, GroupName: 'admin', Limit: 2 }],
  ['CreateUserPoolDomain', { UserPoolId: pool, Domain: 'fuzz-domain' }],
  ['CreateResourceServer', { UserPoolId: pool, Identifier: 'fuzz-api', Name: 'Fuzz', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] }],
  ['CreateIdentityProvider', { UserPoolId: pool, ProviderName: 'FuzzCorp', ProviderType: 'OIDC', ProviderDetails: { client_id: 'x', oidc_issuer: 'https://x.example' }, IdpIdentifiers: ['fuzz'] }],
  ['TagResource', { ResourceArn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${pool}`, Tags: { a: 'b' } }],
  ['AdminResetUserPassword', { UserPoolId: pool, Username: 'bob' }],
  ['AdminDeleteUserAttributes', { UserPoolId: pool, Username: 'bob', UserAttributeNames: ['name'] }],
];
const templateFields = [
  'AuthFlow',
  'ClientId',
  'AuthParameters',
  'UserPoolId',
  'ChallengeName',
  'Session',
  'ChallengeResponses',
  'Username',
  'Password',
  'UserAttributes',
  'AccessToken',
  'Filter',
  'Limit',
  'RefreshToken',
  'Token',
  'ConfirmationCode',
  'PoolName',
  'Policies',
  'Schema',
  'CustomAttributes',
  'UsernameAttributes',
  'ExplicitAuthFlows',
  'TokenValidityUnits',
  'AccessTokenValidity',
  'AllowedOAuthScopes',
  'ReadAttributes',
  'GroupName',
  'Precedence',
  'RoleArn',
  'Domain',
  'Identifier',
  'Scopes',
  'ProviderType',
  'ProviderDetails',
  'MaxResults',
  'Tags',
  'UserAttributeNames',
];
const nearValid = fc
  .tuple(fc.constantFrom(...templates), fc.constantFrom(...templateFields), fc.constantFrom(...parameterNames), memberValue, parameterValue, fc.constantFrom('member', 'parameter', 'delete'))
  .map(([[op, body], field, parameter, value, parameterValueDrawn, how]) => {
    const out: Record<string, unknown> = structuredClone(body);
    const map = (out.AuthParameters ?? out.ChallengeResponses) as Record<string, unknown> | undefined;
    if (how === 'member') out[field] = value;
    else if (how === 'delete') delete out[field];
    else if (map) map[parameter] = parameterValueDrawn;
    return { target: `AWSCognitoIdentityProviderService.${op}`, body: JSON.stringify(out), contentType: 'application/x-amz-json-1.1', method: 'POST' };
  });

const randomRequest = fc.record({
  target: fc.oneof(
    { arbitrary: fc.constantFrom(...Object.keys(operations)).map((op) => `AWSCognitoIdentityProviderService.${op}`), weight: 8 },
    nastyString.map((s) => `AWSCognitoIdentityProviderService.${s}`),
    fc.constantFrom(undefined, '', 'AWSCognitoIdentityProviderService', 'Other.InitiateAuth'),
  ),
  body: bodyText(objectWith(members, memberValue)),
  contentType: fc.oneof({ arbitrary: fc.constant('application/x-amz-json-1.1'), weight: 5 }, contentType),
  method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 9 }, fc.constantFrom('GET', 'PUT', 'OPTIONS')),
});
const request = fc.oneof(randomRequest, nearValid);

t.test('the Cognito JSON API answers every request in its format, never 5xx', async (t) => {
  // Pools the fuzzer creates take keys from the committed test keys: RSA generation is not what is fuzzed.
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  const types = new Map<string, number>();
  await checkProperty(
    t,
    'Cognito JSON API',
    fc.asyncProperty(request, async (r) => {
      const response = await idp.app.inject({
        method: r.method as 'POST',
        url: '/',
        headers: { ...(r.contentType ? { 'content-type': r.contentType } : {}), ...(r.target === undefined ? {} : { 'x-amz-target': r.target }) },
        ...(r.body === undefined || r.method === 'GET' ? {} : { payload: r.body }),
      });
      const kind = response.statusCode === 200 ? '200' : String(response.headers['x-amzn-errortype'] ?? response.statusCode);
      types.set(kind, (types.get(kind) ?? 0) + 1);
      // Only POST / is the JSON API; other methods on / belong to other routes (404 in the control format).
      const surface = r.method === 'POST' || r.method === 'OPTIONS' ? 'cognito' : 'control';
      const problem = wireFormatProblem(surface, response);
      if (problem) throw new Error(`${r.method} ${String(r.target)}: ${problem}`);
    }),
    fuzzRuns(400),
  );
  t.comment(
    `answers: ${[...types]
      .sort(([, a], [, b]) => b - a)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')}`,
  );
});

guard.check();
