/** Every scenario of the table, minted through POST /_mock/tokens, has the defect it names and nothing else. */
import { createHmac, createPublicKey } from 'node:crypto';
import { compactVerify, createLocalJWKSet, jwtVerify, type JWTVerifyOptions } from 'jose';
import t, { type Test } from 'tap';
import { scenarios } from '../../src/tokens/scenarios.js';
import { call, startTestIdp, testEpochMs, type TestIdp } from '../helpers/idp.js';
import { fastKeyFactory } from '../helpers/key-factory.js';

const now = testEpochMs / 1000;
const spa = '1vngm1viu6qqksk0qckq8aag7p';

interface Minted {
  token: string;
  header: Record<string, any>;
  payload: Record<string, any> | null;
  expected: { accept: boolean; code?: string };
  tokenUse: string;
  signedWith: { kid: string; state: string } | null;
  explanation: string;
}

type Check = (t: Test, idp: TestIdp, m: Minted, jwks: ReturnType<typeof createLocalJWKSet>) => Promise<void>;

const verifyOptions = (idp: TestIdp): JWTVerifyOptions => ({ algorithms: ['RS256'], issuer: idp.issuer(), currentDate: new Date(idp.clock.now()) });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

const checks: Record<string, Check> = {
  valid: async (t, idp, m, jwks) => {
    t.equal((await jwtVerify(m.token, jwks, { ...verifyOptions(idp), audience: spa })).payload.token_use, 'id');
  },
  expired: async (t, idp, m, jwks) => {
    t.equal(m.payload!.exp, now - 300);
    t.equal(m.payload!.exp - m.payload!.iat, 3600, 'a full lifetime, in the past');
    await t.rejects(jwtVerify(m.token, jwks, { ...verifyOptions(idp), clockTolerance: 60 }), { code: 'ERR_JWT_EXPIRED' });
  },
  'not-yet-valid': async (t, idp, m, jwks) => {
    t.equal(m.payload!.nbf, now + 3600);
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'nbf' });
  },
  'issued-in-future': async (t, _idp, m) => {
    t.equal(m.payload!.iat, now + 3600);
    t.equal(m.payload!.auth_time, now + 3600);
    t.equal(m.payload!.exp, now + 7200);
  },
  'wrong-audience': async (t, idp, m, jwks) => {
    t.not(m.payload!.aud, spa);
    t.match(m.payload!.aud, /^[0-9a-z]{26}$/, "still a client id in Cognito's form");
    await t.rejects(jwtVerify(m.token, jwks, { ...verifyOptions(idp), audience: spa }), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
    const access = await mintOk(idp, { scenario: 'wrong-audience', tokenUse: 'access' });
    t.not(access.payload!.client_id, spa, 'access tokens: client_id');
    t.notOk('aud' in access.payload!);
  },
  'wrong-issuer': async (t, idp, m, jwks) => {
    t.equal(m.payload!.iss, idp.issuer().replace('us-east-1_LocalPool', 'us-east-1_NotThisPool'));
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
  },
  'wrong-token-use': async (t, idp, m) => {
    t.equal(m.tokenUse, 'access');
    t.equal(m.payload!.token_use, 'access', 'asked for an ID token, got an access token');
    const other = await mintOk(idp, { scenario: 'wrong-token-use', tokenUse: 'access' });
    t.equal(other.payload!.token_use, 'id');
  },
  'unknown-kid': async (t, idp, m, jwks) => {
    t.match(m.header.kid, /^[A-Za-z0-9+/]{43}=$/);
    t.notOk(
      idp.keys().some((k) => k.kid === m.header.kid),
      'not a key of the ring',
    );
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
  },
  'missing-kid': async (t, _idp, m) => {
    t.same(m.header, { alg: 'RS256' });
  },
  'signed-by-retiring-key': async (t, idp, m, jwks) => {
    t.equal(m.signedWith!.state, 'retiring');
    await jwtVerify(m.token, jwks, verifyOptions(idp));
  },
  'signed-by-retired-key': async (t, idp, m, jwks) => {
    t.equal(m.signedWith!.state, 'retired');
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)), { code: 'ERR_JWKS_NO_MATCHING_KEY' });
  },
  'bad-signature': async (t, idp, m, jwks) => {
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  },
  'alg-none': async (t, idp, m, jwks) => {
    t.equal(m.header.alg, 'none');
    t.ok(m.token.endsWith('.'), 'empty signature');
    t.equal(claimsOf(m.token).iss, idp.issuer());
    await t.rejects(jwtVerify(m.token, jwks, verifyOptions(idp)));
  },
  'hs256-with-public-key': async (t, idp, m) => {
    t.equal(m.header.alg, 'HS256');
    const jwk = (await call(idp, 'GET', '/.well-known/jwks.json')).body.keys.find((k: { kid: string }) => k.kid === m.header.kid);
    t.ok(jwk, 'the kid of a published key');
    const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const [h, p, s] = m.token.split('.');
    t.equal(createHmac('sha256', pem).update(`${h}.${p}`).digest('base64url'), s, "HMAC keyed with the public key's PEM");
  },
  'missing-sub': async (t, _idp, m) => {
    t.notOk('sub' in m.payload!);
    t.ok('exp' in m.payload!);
  },
  'missing-exp': async (t, _idp, m) => {
    t.notOk('exp' in m.payload!);
    t.ok('sub' in m.payload!);
  },
  malformed: async (t, idp, m) => {
    t.equal(m.payload, null);
    t.equal(m.token.split('.').length, 3);
    t.throws(() => claimsOf(m.token), 'the payload is not JSON');
    const key = (await call(idp, 'GET', '/.well-known/jwks.json')).body.keys.find((k: { kid: string }) => k.kid === m.header.kid);
    await compactVerify(m.token, createLocalJWKSet({ keys: [key] }));
    t.pass('but the signature is valid');
  },
};

async function mintOk(idp: TestIdp, body: Record<string, unknown>): Promise<Minted> {
  const res = await call(idp, 'POST', '/_mock/tokens', body);
  if (res.status !== 200) throw new Error(`${String(body.scenario)}: ${JSON.stringify(res.body)}`);
  return res.body;
}

t.test('every scenario in the table is checked here', async (t) => {
  t.same(Object.keys(checks).sort(), scenarios.map((s) => s.name).sort());
});

t.test('each scenario produces its defect', async (t) => {
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory() });
  // A retiring key (rotation) and a retired one (retire the key that replaced it), for the key-state scenarios.
  await idp.rotate({ pool: 'us-east-1_LocalPool', tokenUse: 'id', prePublishSeconds: 0 });
  const retiring = idp.services.keyRing.newestInState('us-east-1_LocalPool', 'id', 'retiring')!.material.kid;
  await idp.retire(idp.services.keyRing.signingKey('us-east-1_LocalPool', 'id').material.kid);
  t.equal(idp.services.keyRing.newestInState('us-east-1_LocalPool', 'id', 'retiring')!.material.kid, retiring);
  const jwks = createLocalJWKSet((await call(idp, 'GET', '/.well-known/jwks.json')).body);

  for (const scenario of scenarios) {
    await t.test(scenario.name, async (t) => {
      const minted = await mintOk(idp, { scenario: scenario.name, client: 'spa' });
      t.same(minted.expected, scenario.expected, 'the verdict from the table');
      t.equal(minted.explanation, scenario.explanation);
      await checks[scenario.name]!(t, idp, minted, jwks);
    });
  }
});
