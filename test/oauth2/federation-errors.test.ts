import { CreateIdentityProviderCommand, DescribeIdentityProviderCommand, ListUsersCommand, UpdateIdentityProviderCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError } from '../helpers/cognito.js';
import { get } from '../helpers/oauth2.js';
import { appQuery, providerName, startFederation, throughProvider } from './federation-helpers.js';

t.test('what goes wrong at the provider ends on an error page, and nothing is created', async (t) => {
  const { idp, cognito, poolId, clientId, provider, supportProviders } = await startFederation(t);
  const authorizeUrl = (name: string) => `${idp.url}/oauth2/authorize?${appQuery(clientId, { identity_provider: name })}`;
  /** A fresh sign-in's state, as the provider would send it back. */
  const startState = async (name = providerName) => {
    const res = await get(authorizeUrl(name));
    t.equal(res.status, 302, `authorize sends the browser to ${name}`);
    return new URL(res.headers.get('location')!).searchParams.get('state')!;
  };
  const errorPage = async (res: Response, status: number, pattern: RegExp, what: string) => {
    t.equal(res.status, status, `${what}: status`);
    t.match(res.headers.get('content-type'), /^text\/html/, `${what}: a page`);
    const html = await res.text();
    t.match(html, /role="alert"/, what);
    t.match(html, pattern, what);
  };
  const idpResponse = (query: Record<string, string>) => get(`${idp.url}/oauth2/idpresponse?${new URLSearchParams(query)}`);

  await errorPage(
    await idpResponse({ error: 'access_denied', error_description: 'The user said no', state: await startState() }),
    400,
    /answered access_denied: The user said no/,
    'error=access_denied',
  );
  await errorPage(await idpResponse({ code: 'not-a-code', state: await startState() }), 400, /token endpoint answered HTTP 400: invalid_grant/, 'a failed code exchange');
  await errorPage(await idpResponse({ code: 'x', state: 'never-issued' }), 400, /unknown or took longer than 5 minutes/, 'an unknown state');
  const used = await startState();
  await idpResponse({ error: 'access_denied', state: used });
  await errorPage(await idpResponse({ code: 'x', state: used }), 400, /unknown/, 'a state used once');
  const late = await startState();
  idp.baseClock.advanceBy(6 * 60_000);
  await errorPage(await idpResponse({ code: 'x', state: late }), 400, /longer than 5 minutes/, 'a sign-in older than 5 minutes');

  // An ID token signed with keys the provider's JWKS (here: another pool's) does not have.
  const withClient = async (name: string) => {
    await supportProviders(name);
  };
  const details = { client_id: provider.clientId, client_secret: provider.clientSecret, authorize_scopes: 'openid email', oidc_issuer: provider.issuer };
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: 'WrongKeys',
      ProviderType: 'OIDC',
      ProviderDetails: { ...details, jwks_uri: `${idp.url}/${localPool}/.well-known/jwks.json` },
    }),
  );
  await withClient('WrongKeys');
  const { answer } = await throughProvider(t, authorizeUrl('WrongKeys'));
  await errorPage(answer, 400, /ID token of the identity provider WrongKeys is not valid/, 'an ID token the JWKS cannot verify');

  // A provider whose issuer cannot be reached: the authorize request gets a page, not a crash.
  await cognito.send(
    new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Unreachable', ProviderType: 'OIDC', ProviderDetails: { ...details, oidc_issuer: 'http://127.0.0.1:9/nowhere' } }),
  );
  await withClient('Unreachable');
  await errorPage(await get(authorizeUrl('Unreachable')), 502, /discovery document/, 'an unreachable issuer');

  t.same((await cognito.send(new ListUsersCommand({ UserPoolId: poolId }))).Users, [], 'no user was created');
});

t.test("CreateIdentityProvider and UpdateIdentityProvider check an OIDC provider's details", async (t) => {
  const { cognito, poolId } = await startFederation(t);
  const good = { client_id: 'c', client_secret: 's', authorize_scopes: 'openid', attributes_request_method: 'GET', oidc_issuer: 'https://login.example.com' };
  const bad: Array<[string, Record<string, string>]> = [
    ['no client_id', { ...good, client_id: '' }],
    ['no oidc_issuer', { client_id: 'c', authorize_scopes: 'openid' }],
    ['no authorize_scopes', { client_id: 'c', oidc_issuer: 'https://login.example.com' }],
    ['a bad attributes_request_method', { ...good, attributes_request_method: 'PUT' }],
    ['an issuer that is no URL', { ...good, oidc_issuer: 'login.example.com' }],
    ['an endpoint that is no URL', { ...good, token_url: 'ftp://login.example.com/token' }],
  ];
  for (const [what, ProviderDetails] of bad) {
    t.match(
      await sdkError(cognito.send(new CreateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Partner', ProviderType: 'OIDC', ProviderDetails }))),
      { name: 'InvalidParameterException' },
      what,
    );
  }
  t.match(await sdkError(cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: 'Partner' }))), { name: 'ResourceNotFoundException' }, 'nothing was created');
  const before = (await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: providerName }))).IdentityProvider;
  t.match(
    await sdkError(cognito.send(new UpdateIdentityProviderCommand({ UserPoolId: poolId, ProviderName: providerName, ProviderDetails: { client_id: 'c' }, AttributeMapping: { email: 'mail' } }))),
    { name: 'InvalidParameterException' },
  );
  t.same((await cognito.send(new DescribeIdentityProviderCommand({ UserPoolId: poolId, ProviderName: providerName }))).IdentityProvider, before, 'nothing changed');
});
