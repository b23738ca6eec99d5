/**
 * Fuzzes mock-idp/verifier against a live JWKS: random, mutated and crafted
 * tokens (see tokens.ts). It may accept a token only when the token is
 * genuinely valid, and otherwise must reject with a VerificationError whose
 * code is one of the documented codes: never another error, never a hang.
 * `alg: none` and HS256 keyed with the public key are always ALG_NOT_ALLOWED,
 * and the App Services login refuses them too.
 */
import { createHmac, createPublicKey } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { createVerifier, VerificationError, verificationErrorCodes } from '../../src/verifier/index.js';
import { startTestIdp } from '../helpers/idp.js';
import { checkProperty, fuzzRuns, guardProcess, nastyString } from './fuzz.js';
import { tokenArbitrary } from './tokens.js';

const guard = guardProcess(t);
const spa = '1vngm1viu6qqksk0qckq8aag7p';

t.test('the verifier accepts only valid tokens and rejects everything else with a VerificationError code', async (t) => {
  const idp = await startTestIdp(t);
  const now = () => idp.clock.now();
  const verifier = createVerifier({ issuer: idp.issuer(), jwksUri: idp.jwksUri(), clientId: spa, tokenUse: 'id', now });
  const lenient = createVerifier({ issuer: null, jwksUri: idp.jwksUri(), clientId: null, tokenUse: null, now, cache: verifier.cache });
  const valid = (await idp.mint({ user: 'alice', client: 'spa', tokenUse: 'id' })).token;
  const signing = idp.services.keyRing.signingKey(idp.services.directory.defaultPoolId, 'id').material;
  const tokens = tokenArbitrary({ valid, signingKey: signing.privateKey, kid: signing.kid, publicJwk: signing.publicJwk });
  const verdicts = new Map<string, number>();

  await checkProperty(
    t,
    'verifier',
    fc.asyncProperty(tokens, fc.boolean(), async (token, strict) => {
      try {
        const claims = await (strict ? verifier : lenient).verify(token);
        if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') throw new Error(`accepted a token without sub/exp: ${JSON.stringify(claims).slice(0, 200)}`);
        const [header] = token.split('.');
        const alg = (JSON.parse(Buffer.from(header!, 'base64url').toString()) as { alg?: unknown }).alg;
        if (alg !== 'RS256') throw new Error(`accepted alg ${JSON.stringify(alg)}`);
        verdicts.set('accepted', (verdicts.get('accepted') ?? 0) + 1);
      } catch (error) {
        if (!(error instanceof VerificationError) || !(error.code in verificationErrorCodes)) throw error;
        verdicts.set(error.code, (verdicts.get(error.code) ?? 0) + 1);
      }
    }),
    fuzzRuns(500),
  );
  t.comment(
    `verdicts: ${[...verdicts]
      .sort(([, a], [, b]) => b - a)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')}`,
  );
  t.ok((verdicts.get('accepted') ?? 0) > 0, 'some crafted tokens were genuinely valid and accepted');
});

t.test('alg none and HS256 keyed with the public key: refused by the verifier and the App Services login', async (t) => {
  const idp = await startTestIdp(t);
  const verifier = createVerifier({ issuer: null, jwksUri: idp.jwksUri(), clientId: null, tokenUse: null, now: () => idp.clock.now() });
  const signing = idp.services.keyRing.signingKey(idp.services.directory.defaultPoolId, 'id').material;
  const publicPem = createPublicKey({ key: signing.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  const valid = (await idp.mint({ user: 'alice', client: 'spa', tokenUse: 'id' })).token;
  const payload = valid.split('.')[1]!;
  const secrets = [publicPem, publicPem.trim(), JSON.stringify(signing.publicJwk), signing.publicJwk.n!, ''];

  await checkProperty(
    t,
    'alg confusion',
    fc.asyncProperty(fc.constantFrom('none', 'None', 'NONE', 'HS256', 'HS384', 'HS512'), fc.constantFrom(...secrets), fc.option(nastyString, { nil: undefined }), async (alg, secret, kidOverride) => {
      const header = Buffer.from(JSON.stringify({ alg, kid: kidOverride ?? signing.kid, typ: 'JWT' })).toString('base64url');
      const input = `${header}.${payload}`;
      const hash = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as Record<string, string | undefined>)[alg];
      const token = `${input}.${hash ? createHmac(hash, secret).update(input).digest('base64url') : ''}`;
      const verdict = await verifier.verify(token).then(
        () => 'accepted',
        (e: VerificationError) => e.code,
      );
      if (verdict !== 'ALG_NOT_ALLOWED' && !(kidOverride !== undefined && verdict === 'MALFORMED')) throw new Error(`verifier: ${verdict} for alg ${alg}`);
      const login = await idp.app.inject({ method: 'POST', url: '/api/client/v2.0/app/mock-idp-app-abcde/auth/providers/custom-token/login', payload: { token } });
      if (login.statusCode !== 401 || login.json<{ error_code: string }>().error_code !== 'AuthError') throw new Error(`App Services login: ${login.statusCode} ${login.body}`);
    }),
    fuzzRuns(150),
  );
});

guard.check();
