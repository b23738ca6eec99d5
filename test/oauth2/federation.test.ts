import { AdminGetUserCommand, AdminUpdateUserAttributesCommand, ListGroupsCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import t from 'tap';
import { callback, get, postForm } from '../helpers/oauth2.js';
import { appQuery, providerName, startFederation, throughProvider } from './federation-helpers.js';

t.test('sign-in through an OIDC provider: redirect, idpresponse, code, tokens with identities; a later sign-in updates the user', async (t) => {
  const { idp, cognito, poolId, clientId, provider } = await startFederation(t);
  const { atProvider, idpResponse, answer } = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: providerName, nonce: 'app-nonce' })}`);
  t.equal(atProvider.origin + atProvider.pathname, `${provider.idp.url}/oauth2/authorize`, "the provider's authorize endpoint, from its discovery document");
  t.match(Object.fromEntries(atProvider.searchParams), {
    client_id: provider.clientId,
    redirect_uri: `${idp.url}/oauth2/idpresponse`,
    response_type: 'code',
    scope: 'openid email profile',
    state: /^[\w-]{20,}$/,
    nonce: /^[\w-]{20,}$/,
  });
  t.notOk(atProvider.searchParams.get('state')!.includes('app-state'), "the app's state stays on the server");
  t.equal(idpResponse.origin + idpResponse.pathname, `${idp.url}/oauth2/idpresponse`);

  t.equal(answer.status, 302);
  const back = new URL(answer.headers.get('location')!);
  t.equal(back.origin + back.pathname, callback, "to the app's redirect_uri");
  t.equal(back.searchParams.get('state'), 'app-state');
  const code = back.searchParams.get('code')!;
  t.ok(code);
  t.match(answer.headers.get('set-cookie'), /^mock-idp-session_/, 'a hosted-UI session starts');

  const tokenRes = await postForm(`${idp.url}/oauth2/token`, { grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: callback });
  t.equal(tokenRes.status, 200);
  const tokens = (await tokenRes.json()) as { id_token: string; access_token: string; refresh_token: string };
  const jwksUri = `${idp.url}/${poolId}/.well-known/jwks.json`;
  const issuer = idp.issuer(poolId);
  const username = `${providerName}_${provider.ivySub}`;
  // aws-jwt-verify fetches over HTTPS only: this fetcher reads the (http) JWKS with fetch.
  const fetcher: Fetcher = { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() };
  const jwksCache = new SimpleJwksCache({ fetcher });
  const id = await JwtRsaVerifier.create({ issuer, audience: clientId, jwksUri }, { jwksCache }).verify(tokens.id_token);
  t.match(id, { 'cognito:username': username, email: 'ivy@acme.example', email_verified: true, name: 'Ivy Acme', nonce: 'app-nonce', token_use: 'id' });
  t.same(id['cognito:groups'], [`${poolId}_${providerName}`], 'the provider group');
  const identities = id.identities as Array<Record<string, unknown>>;
  t.match(identities, [{ userId: provider.ivySub, providerName, providerType: 'OIDC', issuer: null, primary: 'true', dateCreated: /^\d{13}$/ }], 'strings in the claim');
  const access = await JwtRsaVerifier.create({ issuer, audience: null, jwksUri }, { jwksCache }).verify(tokens.access_token);
  t.match(access, { username, client_id: clientId, 'cognito:groups': [`${poolId}_${providerName}`] });

  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  t.equal(user.UserStatus, 'EXTERNAL_PROVIDER');
  const attribute = (name: string) => user.UserAttributes?.find((a) => a.Name === name)?.Value;
  const stored = JSON.parse(attribute('identities')!);
  t.match(stored, [{ userId: provider.ivySub, providerName, providerType: 'OIDC', primary: true }], 'a JSON string with a boolean primary');
  t.type(stored[0].dateCreated, 'number');
  t.not(attribute('sub'), provider.ivySub, 'a sub of its own');
  const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: poolId }));
  t.match(groups.Groups, [{ GroupName: `${poolId}_${providerName}` }]);

  // A later sign-in (by IdpIdentifier this time) is the same user, with the attributes the provider now has.
  await provider.cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: provider.pool, Username: 'ivy', UserAttributes: [{ Name: 'name', Value: 'Ivy Renamed' }] }));
  const again = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { idp_identifier: 'acme.example' })}`);
  t.equal(again.answer.status, 302);
  t.ok(new URL(again.answer.headers.get('location')!).searchParams.get('code'));
  const users = await cognito.send(new ListUsersCommand({ UserPoolId: poolId }));
  t.equal(users.Users?.length, 1, 'one user');
  t.equal(users.Users![0]!.Attributes!.find((a) => a.Name === 'name')?.Value, 'Ivy Renamed', 'the mapped attribute is updated');
});

t.test('the login page offers the provider; implicit flow; named providers the client cannot use are refused', async (t) => {
  const { idp, cognito, poolId, clientId, supportProviders } = await startFederation(t);
  const page = await (await get(`${idp.url}/login?${appQuery(clientId)}`)).text();
  t.match(page, /<form method="get" action="oauth2\/authorize" class="federation">/);
  t.match(page, `<button type="submit" name="identity_provider" value="${providerName}">Sign in with ${providerName}</button>`);

  const { answer } = await throughProvider(t, `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: providerName, response_type: 'token' })}`);
  const fragment = new URLSearchParams(new URL(answer.headers.get('location')!).hash.slice(1));
  t.ok(fragment.get('id_token'), 'tokens in the fragment');
  t.equal(fragment.get('state'), 'app-state');

  for (const extra of [{ identity_provider: 'Nobody' }, { idp_identifier: 'nobody.example' }] as Array<Record<string, string>>) {
    const res = await get(`${idp.url}/oauth2/authorize?${appQuery(clientId, extra)}`);
    t.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    t.equal(location.origin + location.pathname, callback, JSON.stringify(extra));
    t.equal(location.searchParams.get('error'), 'invalid_request');
    t.equal(location.searchParams.get('state'), 'app-state');
  }
  const { CreateIdentityProviderCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  await cognito.send(
    new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid' } }),
  );
  const notSupported = new URL((await get(`${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: 'Google' })}`)).headers.get('location')!);
  t.match(notSupported.searchParams.get('error_description'), /SupportedIdentityProviders/);
  await supportProviders('Google');
  const social = new URL((await get(`${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: 'Google' })}`)).headers.get('location')!);
  t.equal(social.searchParams.get('error'), 'invalid_request');
  t.match(social.searchParams.get('error_description'), /OIDC providers only/);
});
