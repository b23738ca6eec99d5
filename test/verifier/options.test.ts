/**
 * createVerifier's options are checked once, at creation: a mistake there is a
 * bug in the caller, so it throws a TypeError at once (never a
 * VerificationError later). Required checks are waived only by an explicit null.
 */
import t, { type Test } from 'tap';
import { JwksCache } from '../../src/verifier/jwks-cache.js';
import type { VerifierOptions } from '../../src/verifier/options.js';
import { createVerifier, VerificationError } from '../../src/verifier/index.js';
import { FakeJwksEndpoint, issuer, spa } from '../helpers/verifier.js';

const base: VerifierOptions = { issuer, clientId: spa, tokenUse: 'access' };

/** Options that the types forbid, as a JavaScript caller could still pass them. */
const loose = (options: Record<string, unknown>) => options as unknown as VerifierOptions;

const refused = (t: Test, options: VerifierOptions, what: string) => t.throws(() => createVerifier(options), TypeError, `${what}: TypeError at creation`);

t.test('issuer, tokenUse and clientId-or-audience are required; only an explicit null waives them', async (t) => {
  t.ok(createVerifier(base), 'all three given');
  refused(t, loose({ clientId: spa, tokenUse: 'access' }), 'no issuer');
  refused(t, loose({ ...base, issuer: undefined }), 'issuer undefined');
  refused(t, loose({ issuer, clientId: spa }), 'no tokenUse');
  refused(t, loose({ ...base, tokenUse: 'refresh' }), 'tokenUse "refresh"');
  refused(t, loose({ ...base, tokenUse: 'ID' }), 'tokenUse "ID"');
  refused(t, loose({ issuer, tokenUse: 'id' }), 'neither clientId nor audience');
  refused(t, loose({ issuer, tokenUse: 'id', clientId: undefined, audience: undefined }), 'both undefined');
  refused(t, loose(null as never), 'options null');
  refused(t, loose(undefined as never), 'no options');
  refused(t, loose('issuer' as never), 'options a string');

  t.ok(createVerifier({ ...base, tokenUse: null }), 'tokenUse: null waives the token_use check');
  t.ok(createVerifier({ issuer, tokenUse: 'id', clientId: null }), 'clientId: null waives the audience check');
  t.ok(createVerifier({ issuer, tokenUse: 'id', audience: null }), 'audience: null does too');
  t.ok(createVerifier({ issuer, tokenUse: 'id', audience: 'api://default' }), 'audience alone is enough');
  t.ok(createVerifier({ issuer, tokenUse: 'id', clientId: [spa, 'another'] }), 'clientId may be a list');
  t.ok(createVerifier({ issuer: null, tokenUse: 'id', clientId: spa, jwksUri: 'https://jwks.test/keys' }), 'issuer: null with a jwksUri');
});

t.test('jwksUri: derived from the issuer, required when the issuer is null, http(s) only', async (t) => {
  t.equal(createVerifier(base).jwksUri, `${issuer}/.well-known/jwks.json`, "Cognito's layout: {issuer}/.well-known/jwks.json");
  t.equal(createVerifier({ ...base, issuer: `${issuer}/` }).jwksUri, `${issuer}/.well-known/jwks.json`, 'a trailing slash is not doubled');
  t.equal(createVerifier({ ...base, issuer: 'http://127.0.0.1:4455/us-east-1_LocalPool' }).jwksUri, 'http://127.0.0.1:4455/us-east-1_LocalPool/.well-known/jwks.json', "mock-idp's local issuer too");
  t.equal(createVerifier({ ...base, jwksUri: 'http://127.0.0.1:9/keys' }).jwksUri, 'http://127.0.0.1:9/keys', 'an explicit jwksUri wins');
  t.equal(createVerifier(base).issuer, issuer);

  refused(t, { ...base, issuer: null }, 'issuer null without jwksUri');
  refused(t, { ...base, issuer: '' }, 'issuer empty without jwksUri');
  refused(t, { ...base, jwksUri: 'not a url' }, 'jwksUri not a URL');
  refused(t, { ...base, jwksUri: 'file:///etc/jwks.json' }, 'jwksUri file:');
  refused(t, { ...base, jwksUri: 'ftp://jwks.test/keys' }, 'jwksUri ftp:');
  refused(t, { ...base, issuer: 'cognito' }, 'an issuer that gives no URL');
});

t.test('algorithms: an allow-list of asymmetric algorithms; HMAC and none are refused at creation', async (t) => {
  t.ok(createVerifier(base), 'default (RS256)');
  t.ok(createVerifier({ ...base, algorithms: ['RS256', 'RS512'] }), 'RS256 and RS512');
  for (const alg of ['none', 'None', 'HS256', 'HS384', 'HS512', 'rs256', 'RS1', '', 'dir', 'RSA-OAEP']) {
    refused(t, { ...base, algorithms: ['RS256', alg] }, `algorithm "${alg}"`);
  }
  refused(t, { ...base, algorithms: [] }, 'an empty list');
});

t.test('clockToleranceSeconds: a finite number ≥ 0', async (t) => {
  t.ok(createVerifier({ ...base, clockToleranceSeconds: 0 }), '0');
  t.ok(createVerifier({ ...base, clockToleranceSeconds: 300 }), '300');
  for (const tolerance of [-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY]) refused(t, { ...base, clockToleranceSeconds: tolerance }, `tolerance ${tolerance}`);
  refused(t, loose({ ...base, clockToleranceSeconds: '5' }), 'tolerance a string');
});

t.test('option errors are TypeErrors, never VerificationErrors', async (t) => {
  try {
    createVerifier(loose({ clientId: spa, tokenUse: 'access' }));
    t.fail('accepted');
  } catch (error) {
    t.type(error, TypeError);
    t.notOk(error instanceof VerificationError);
  }
});

t.test('creating a verifier fetches nothing; the cache option shares or configures the JWKS cache', async (t) => {
  const endpoint = new FakeJwksEndpoint();
  const own = createVerifier({ ...base, cache: { fetch: endpoint.fetch } });
  t.type(own.cache, JwksCache);
  t.equal(own.cache.uri, own.jwksUri, 'its own cache, for the derived URI');
  t.equal(endpoint.calls, 0, 'no request at creation');

  const shared = new JwksCache('https://jwks.test/keys', { fetch: endpoint.fetch });
  const a = createVerifier({ ...base, tokenUse: 'access', cache: shared });
  const b = createVerifier({ ...base, tokenUse: 'id', cache: shared });
  t.equal(a.cache, shared, 'a shared cache is used as it is');
  t.equal(b.cache, shared);
  t.equal(a.jwksUri, 'https://jwks.test/keys', "and its URI is the verifier's");
  t.equal(endpoint.calls, 0);
});
