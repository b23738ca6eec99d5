// Run by flows-over-https.test.ts in a child process with NODE_EXTRA_CA_CERTS set to
// mock-idp's local CA: every client below talks HTTPS to mock-idp with its defaults.
import { createHash, randomBytes } from 'node:crypto';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { JwtVerifier } from 'aws-jwt-verify';

const { BASE, ISSUER, POOL, SPA, BACKEND, BACKEND_SECRET, PASSWORD } = process.env;
const jwksUri = `${BASE}/${POOL}/.well-known/jwks.json`;
// aws-jwt-verify with its default fetcher (HTTPS only), no custom fetcher.
const verifier = JwtVerifier.create({ issuer: ISSUER, audience: null, jwksUri });
const results = {};
const verify = async (flow, token) => {
  const payload = await verifier.verify(token);
  results[flow] = { token_use: payload.token_use, username: payload.username ?? payload['cognito:username'] ?? null };
};

// 1. The AWS SDK: InitiateAuth USER_PASSWORD_AUTH.
const sdk = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: BASE, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const auth = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: SPA, AuthParameters: { USERNAME: 'alice', PASSWORD } }));
await verify('sdk-id', auth.AuthenticationResult.IdToken);
await verify('sdk-access', auth.AuthenticationResult.AccessToken);

// 2. amazon-cognito-identity-js: SRP.
const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: SPA, endpoint: `${BASE}/` });
const session = await new Promise((resolve, reject) =>
  new CognitoUser({ Username: 'alice', Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PASSWORD }), {
    onSuccess: resolve,
    onFailure: reject,
  }),
);
await verify('srp-access', session.getAccessToken().getJwtToken());

// 3. OAuth2: authorization code + PKCE through the hosted login page.
const verifierString = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifierString).digest('base64url');
const query = new URLSearchParams({
  response_type: 'code',
  client_id: SPA,
  redirect_uri: 'http://localhost:3000/callback',
  scope: 'openid email',
  state: 's1',
  code_challenge: challenge,
  code_challenge_method: 'S256',
});
let response = await fetch(`${BASE}/oauth2/authorize?${query}`, { redirect: 'manual' });
const loginUrl = new URL(response.headers.get('location'), BASE);
// The login page first, as a browser: its XSRF-TOKEN cookie and the same value in the form's _csrf field.
response = await fetch(loginUrl, { redirect: 'manual' });
const xsrf = response.headers.get('set-cookie')?.split(';')[0] ?? '';
const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1] ?? '';
response = await fetch(loginUrl, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: xsrf },
  body: new URLSearchParams({ ...Object.fromEntries(loginUrl.searchParams), username: 'alice', password: PASSWORD, _csrf: csrf }),
});
const cookie = response.headers.get('set-cookie')?.split(';')[0];
response = await fetch(new URL(response.headers.get('location'), BASE), { redirect: 'manual', headers: cookie ? { cookie } : {} });
const code = new URL(response.headers.get('location')).searchParams.get('code');
const tokens = await (
  await fetch(`${BASE}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: SPA, code, redirect_uri: 'http://localhost:3000/callback', code_verifier: verifierString }),
  })
).json();
await verify('oauth-id', tokens.id_token);
await verify('oauth-access', tokens.access_token);

// 4. OAuth2: client_credentials.
const cc = await (
  await fetch(`${BASE}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${BACKEND}:${BACKEND_SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'mock-api/read' }),
  })
).json();
await verify('client-credentials', cc.access_token);

console.log(JSON.stringify(results));
