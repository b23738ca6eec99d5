/**
 * The Host check against DNS rebinding: a Host that is not one of the server's
 * names is refused (403, in the surface's format) on every surface when bound
 * to loopback, and on the control API, the teaching page and the hosted UI
 * when bound to 0.0.0.0; `allowedHosts` adds names (config, environment, flag).
 */
import { request as httpRequest } from 'node:http';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig, type ConfigOverrides } from '../../src/config/load-config.js';
import { hostAllowed, parseHost } from '../../src/security/host-check.js';
import { startServices } from '../../src/services.js';
import { assertErrorBody } from '../helpers/error-body.js';
import { startTestIdp, testKeysFile } from '../helpers/idp.js';

const spa = '1vngm1viu6qqksk0qckq8aag7p';

/** An inject response as assertErrorBody takes it. */
const answer = (res: { statusCode: number; body: string }) => ({ status: res.statusCode, body: JSON.parse(res.body) as unknown });

/** An app that does not listen (inject only), from config overrides. */
async function appWith(t: Test, overrides: ConfigOverrides, env: Record<string, string> = {}) {
  const loaded = await loadConfig({ env, overrides: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' }, ...overrides } });
  const services = await startServices(loaded);
  const app = buildApp(loaded.config, services, { logger: false });
  t.teardown(async () => {
    await app.close();
    await services.store.close();
  });
  await services.ready;
  return { app, config: loaded.config };
}

const json = { 'content-type': 'application/json' };
const cognito = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers' };
const authorizeQuery = `response_type=code&client_id=${spa}&redirect_uri=${encodeURIComponent('http://localhost:3000/callback')}`;

/**
 * One request per surface, with the given Host, each sent when it is read (so a test sends only the
 * requests it looks at: an allowed `controlPost` would rotate every key, generating RSA keys).
 */
function everySurface(app: Awaited<ReturnType<typeof appWith>>['app'], host: string) {
  const headers = { host };
  return {
    get control() {
      return app.inject({ url: '/_mock/pools', headers });
    },
    get controlPost() {
      return app.inject({ method: 'POST', url: '/_mock/keys/rotate', headers: { ...headers, ...json }, payload: '' });
    },
    get page() {
      return app.inject({ url: '/', headers });
    },
    get pageFile() {
      return app.inject({ url: '/page/main.js', headers });
    },
    get login() {
      return app.inject({ url: `/login?${authorizeQuery}`, headers });
    },
    get token() {
      return app.inject({ method: 'POST', url: '/oauth2/token', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=client_credentials' });
    },
    get jwks() {
      return app.inject({ url: '/.well-known/jwks.json', headers });
    },
    get discovery() {
      return app.inject({ url: '/us-east-1_LocalPool/.well-known/openid-configuration', headers });
    },
    get health() {
      return app.inject({ url: '/health', headers });
    },
    get cognito() {
      return app.inject({ method: 'POST', url: '/', headers: { ...headers, ...cognito }, payload: JSON.stringify({ UserPoolId: 'us-east-1_LocalPool' }) });
    },
    get appServices() {
      return app.inject({ url: '/api/client/v2.0/app/mock-idp-app-abcde/location', headers });
    },
  };
}

t.test('parseHost: a name or address, lower-case, with its port', async (t) => {
  t.same(parseHost('LocalHost:4455'), { name: 'localhost', port: 4455 });
  t.same(parseHost('127.0.0.1'), { name: '127.0.0.1', port: null });
  t.same(parseHost('[::1]:80'), { name: '::1', port: 80 });
  t.same(parseHost('idp.example.com.'), { name: 'idp.example.com', port: null }, 'a trailing dot is the same name');
  t.same(parseHost('mock_idp:4455'), { name: 'mock_idp', port: 4455 }, 'underscores, as in container names');
  for (const bad of ['', ':4455', 'a b', 'evil.com@localhost', 'localhost:99999', 'localhost:', '[::1', 'localhost/x', '::1']) {
    t.equal(parseHost(bad), null, `"${bad}" is not a Host`);
  }
});

t.test("hostAllowed: loopback names, the listen address, the public URL's host and allowedHosts", async (t) => {
  const allowed = hostAllowed({ host: '192.168.1.5', publicUrl: 'https://idp.example.com', allowedHosts: ['mock-idp', 'proxy.test:8443', '[fd00::1]'] });
  for (const host of [
    'localhost:4455',
    'localhost',
    '127.0.0.1:4455',
    '[::1]:4455',
    '192.168.1.5:4455',
    'idp.example.com',
    'IDP.example.com:443',
    'mock-idp:4455',
    'mock-idp',
    'proxy.test:8443',
    '[fd00::1]:4455',
    'localhost:8080',
  ]) {
    t.ok(allowed(host), `${host} is allowed`);
  }
  for (const host of [undefined, '', 'rebind.test:4455', 'proxy.test:8444', 'proxy.test', '127.0.0.2:4455', 'localhost.evil.com', 'mock-idp.evil.com', 'idp.example.com.evil.com']) {
    t.notOk(allowed(host), `${String(host)} is refused`);
  }
  const wildcard = hostAllowed({ host: '0.0.0.0', publicUrl: null, allowedHosts: [] });
  t.notOk(wildcard('0.0.0.0:4455'), 'a wildcard listen address is no name');
  t.ok(hostAllowed({ host: '::1', publicUrl: null, allowedHosts: [] })('[::1]:4455'));
  t.ok(hostAllowed({ host: '127.0.0.1', publicUrl: 'http://[fd00::2]:9000', allowedHosts: [] })('[fd00::2]:9000'), 'an IPv6 public URL');
});

t.test('bound to loopback: every surface refuses another Host, each in its own format', async (t) => {
  const { app } = await appWith(t, {});
  const before = (await app.inject({ url: '/_mock/keys' })).json().keys.length;
  const r = everySurface(app, 'rebind.test:4455');

  assertErrorBody(t, answer(await r.control), 403, 'HOST_NOT_ALLOWED', 'control API');
  assertErrorBody(t, answer(await r.controlPost), 403, 'HOST_NOT_ALLOWED', 'control API POST');
  t.equal((await app.inject({ url: '/_mock/keys' })).json().keys.length, before, 'and it rotated nothing');
  for (const surface of ['page', 'pageFile', 'jwks', 'discovery', 'health', 'appServices'] as const) {
    assertErrorBody(t, answer(await r[surface]), 403, 'HOST_NOT_ALLOWED', surface);
  }
  for (const surface of ['login', 'token'] as const) {
    const res = await r[surface];
    t.equal(res.statusCode, 403, `${surface}: 403`);
    t.equal(res.headers['content-type'], 'application/json;charset=UTF-8', `${surface}: OAuth2's content type`);
    t.equal(res.json().error, 'invalid_request', `${surface}: OAuth2's error shape`);
    t.match(res.json().error_description, 'allowedHosts');
  }
  const jsonApi = await r.cognito;
  t.equal(jsonApi.statusCode, 403);
  t.equal(jsonApi.headers['x-amzn-errortype'], 'ForbiddenException:');
  t.equal(jsonApi.json().__type, 'ForbiddenException', "the Cognito JSON API: Cognito's error shape");
  t.match(jsonApi.json().message, 'rebind.test');
});

t.test("bound to loopback: the server's own names pass, on any port (port forwarding, inject)", async (t) => {
  const { app } = await appWith(t, { publicUrl: 'http://idp.local.test:9000', allowedHosts: ['extra.test'] });
  for (const host of ['localhost:80', '127.0.0.1:4455', '[::1]:4455', 'localhost:8080', 'idp.local.test:9000', 'extra.test:4455']) {
    const r = everySurface(app, host);
    t.equal((await r.control).statusCode, 200, `${host}: control API`);
    t.equal((await r.jwks).statusCode, 200, `${host}: JWKS`);
    t.equal((await r.login).statusCode, 200, `${host}: login page`);
    t.equal((await r.cognito).statusCode, 200, `${host}: Cognito JSON API`);
  }
  t.equal((await app.inject({ url: '/_mock/pools' })).statusCode, 200, "inject's default Host (localhost:80)");
});

t.test('bound to 0.0.0.0: the public surfaces answer any Host; the control API, page and hosted UI need a name of the server', async (t) => {
  const { app } = await appWith(t, { host: '0.0.0.0', allowedHosts: ['idp'] });
  const r = everySurface(app, 'some-other-container:4455');
  for (const surface of ['jwks', 'discovery', 'health', 'cognito', 'appServices'] as const) {
    t.equal((await r[surface]).statusCode, 200, `${surface}: open to any Host`);
  }
  for (const surface of ['control', 'controlPost', 'page', 'pageFile', 'login', 'token'] as const) {
    t.equal((await r[surface]).statusCode, 403, `${surface}: refused`);
  }
  const byService = everySurface(app, 'idp:4455');
  t.equal((await byService.control).statusCode, 200, 'the service name in allowedHosts reaches the control API');
  t.equal((await byService.login).statusCode, 200, 'and the hosted login');
  t.equal((await everySurface(app, 'localhost:4455').control).statusCode, 200, 'localhost (a published port) too');
});

t.test('allowedHosts: config key, MOCK_IDP_ALLOWED_HOSTS (comma-separated), validated', async (t) => {
  const fromEnv = await loadConfig({ env: { MOCK_IDP_ALLOWED_HOSTS: ' idp , proxy.test:8443,,' } });
  t.same(fromEnv.config.allowedHosts, ['idp', 'proxy.test:8443']);
  t.same((await loadConfig()).config.allowedHosts, [], 'none by default');
  const flags = await loadConfig({ env: { MOCK_IDP_ALLOWED_HOSTS: 'idp' }, overrides: { allowedHosts: ['other'] } });
  t.same(flags.config.allowedHosts, ['other'], "flags (overrides) replace the environment's list");
  await t.rejects(loadConfig({ overrides: { allowedHosts: ['http://idp:4455'] } }), { code: 'INVALID_CONFIG' }, 'a URL is not a host');
  await t.rejects(loadConfig({ env: { MOCK_IDP_ALLOWED_HOSTS: 'a b' } }), { code: 'INVALID_CONFIG' }, 'nor a name with a space');
});

/** A raw HTTP request with any Host header (fetch sets its own). */
function rawGet(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject).end();
  });
}

t.test("a listening server: a rebinding page's Host is refused, its own URL's Host passes", async (t) => {
  const idp = await startTestIdp(t);
  const port = new URL(idp.url).port;
  const rebound = await rawGet(`${idp.url}/_mock/pools`, `rebind.test:${port}`);
  t.equal(rebound.status, 403);
  t.equal(JSON.parse(rebound.body).code, 'HOST_NOT_ALLOWED');
  t.notMatch(rebound.body, 'password', 'nothing of the pools is in the answer');
  t.equal((await rawGet(`${idp.url}/_mock/pools`, `127.0.0.1:${port}`)).status, 200);
  t.equal((await rawGet(`${idp.url}/_mock/pools`, `localhost:${port}`)).status, 200);
});
