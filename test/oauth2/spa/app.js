// A single-page app on its own origin that signs in against mock-idp with oidc-client-ts, as a
// browser app does against a Cognito user pool domain. test/oauth2/browser-spa.test.ts bundles it
// with esbuild and drives it in chromium. Plain JavaScript: the project's tsconfig has no DOM types.
//
// "/" shows a Sign in button (authorization code + PKCE through the hosted login page); "/callback"
// finishes the sign-in, then calls every CORS endpoint from the page and writes what it saw into
// <pre id="result"> as JSON, with body[data-done="true"].
import { ErrorResponse, UserManager, WebStorageStateStore } from 'oidc-client-ts';

const config = JSON.parse(document.getElementById('config').textContent);

const manager = new UserManager({
  authority: config.authority,
  client_id: config.clientId,
  redirect_uri: `${location.origin}/callback`,
  response_type: 'code',
  scope: 'openid email profile',
  // The userInfo endpoint is called from the page after the code exchange.
  loadUserInfo: true,
  automaticSilentRenew: false,
  // Cognito revokes refresh tokens only, and its discovery document names no revocation endpoint.
  revokeTokenTypes: ['refresh_token'],
  metadataSeed: { revocation_endpoint: config.revocationEndpoint },
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

/** What a failed call shows the page: the OAuth2 error code when the answer was readable. */
function failure(error) {
  return error instanceof ErrorResponse ? { error: error.error } : { message: String(error?.message ?? error) };
}

async function afterCallback() {
  const result = {};
  const user = await manager.signinCallback();
  result.signIn = {
    hasRefreshToken: Boolean(user.refresh_token),
    idTokenUsername: user.profile['cognito:username'],
    // `username` is in the userInfo answer only, not in the ID token.
    userInfoUsername: user.profile.username,
    email: user.profile.email,
    scope: user.scope,
  };

  // The refresh_token grant (oidc-client-ts refreshes with the refresh token when it has one).
  const refreshed = await manager.signinSilent();
  result.refresh = { newAccessToken: refreshed.access_token !== user.access_token, username: refreshed.profile.username };

  // As Amplify does: a token request with x-amz-user-agent, which needs a preflight.
  const amplifyLike = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-user-agent': 'aws-amplify/6 auth/1 framework/0' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: refreshed.refresh_token }),
  });
  result.amplifyLikeRefresh = { status: amplifyLike.status, tokenType: (await amplifyLike.json()).token_type };

  // An error answer is readable too: an unknown code.
  const badCode = await fetch(config.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-user-agent': 'aws-amplify/6 auth/1 framework/0' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code: 'unknown', redirect_uri: `${location.origin}/callback` }),
  });
  result.badCode = { status: badCode.status, error: (await badCode.json()).error };

  const refreshToken = refreshed.refresh_token;
  await manager.revokeTokens();
  result.revoked = { forgotten: (await manager.getUser()).refresh_token === null };

  // The revoked refresh token, in a request without a preflight (form body, safelisted headers only).
  const again = await fetch(config.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: config.clientId, refresh_token: refreshToken }),
  });
  result.refreshAfterRevoke = { status: again.status, error: (await again.json()).error };

  const info = await fetch(config.userInfoEndpoint, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  result.userInfoAfterRevoke = { status: info.status, error: (await info.json()).error, wwwAuthenticate: info.headers.get('www-authenticate') };

  // The discovery document came from the browser already; the JWKS, as a verifier in the page would fetch it.
  const metadata = await manager.metadataService.getMetadata();
  const jwks = await (await fetch(metadata.jwks_uri)).json();
  result.jwksKeys = jwks.keys.length;
  return result;
}

function show(result) {
  document.getElementById('result').textContent = JSON.stringify(result);
  document.body.dataset.done = 'true';
}

if (location.pathname === '/callback') {
  afterCallback().then(show, (error) => show({ failed: failure(error) }));
} else {
  document.getElementById('sign-in').addEventListener('click', () => manager.signinRedirect());
  document.body.dataset.ready = 'true';
}
