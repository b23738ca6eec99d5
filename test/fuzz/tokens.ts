/**
 * Tokens for fuzzing verifiers: random text, mutations of a valid token (bit
 * flips, cuts, extra or swapped segments), and crafted tokens signed with the
 * pool's real key (so they reach the claim checks) with random headers (alg
 * `none`, HS256 with the public key as the secret, `crit`, `b64: false`,
 * nested JWS, wrong types), claims of the wrong JSON type, duplicate keys,
 * unicode, and huge segments.
 */
import { createHmac, createPublicKey, KeyObject, sign } from 'node:crypto';
import fc from 'fast-check';
import type { CryptoKey, JWK } from 'jose';
import { anyJson, nastyString } from './fuzz.js';

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const base64urlChars = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 200 });

export interface TokenSource {
  /** A valid token of the pool. */
  valid: string;
  /** The key that signs the pool's tokens, and its kid and public JWK. */
  signingKey: CryptoKey;
  kid: string;
  publicJwk: JWK;
}

/** Every kind of token, valid ones included (a crafted token can be genuinely valid). */
export function tokenArbitrary(source: TokenSource): fc.Arbitrary<string> {
  const [h, p, s] = source.valid.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  const privateKey = KeyObject.from(source.signingKey);
  const publicPem = createPublicKey({ key: source.publicJwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();

  const header = fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.record({
            alg: fc.oneof({ arbitrary: fc.constant('RS256'), weight: 6 }, fc.constantFrom('none', 'None', 'HS256', 'RS512', 'PS256', 'ES256', 'EdDSA', ''), anyJson),
            kid: fc.oneof({ arbitrary: fc.constant(source.kid), weight: 6 }, nastyString, anyJson),
          }),
          // Extra members now and then: each one a way to confuse a verifier.
          fc.option(
            fc.record(
              {
                typ: fc.constantFrom('JWT', 'at+jwt', 'JOSE', 'x'),
                crit: fc.oneof(fc.constant(['exp']), fc.constant(['b64']), fc.constant([]), anyJson),
                b64: fc.constantFrom(false, true, 'false'),
                cty: fc.constantFrom('JWT', 'jwt'),
                jku: fc.constant('http://attacker.invalid/jwks.json'),
                jwk: fc.constant(source.publicJwk),
              },
              { requiredKeys: [] },
            ),
            { freq: 2, nil: {} },
          ),
        )
        .map(([base, extra]) => ({ ...base, ...extra }))
        .map((v) => JSON.stringify(v)),
      weight: 6,
    },
    fc.constant(`{"alg":"RS256","kid":${JSON.stringify(source.kid)},"alg":"none"}`),
    fc.constant(`{"alg":"none","kid":${JSON.stringify(source.kid)},"alg":"RS256"}`),
    nastyString,
    anyJson.map((v) => JSON.stringify(v) ?? ''),
  );

  const claims = fc.oneof(
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(payload), 'sub', 'exp', 'iat', 'nbf', 'iss', 'aud', 'token_use', 'client_id', 'cognito:groups', 'scope', '__proto__'), anyJson, fc.boolean())
        .map(([claim, value, remove]) => {
          const out: Record<string, unknown> = { ...payload };
          if (remove) delete out[claim];
          else out[claim] = value;
          return JSON.stringify(out);
        }),
      weight: 6,
    },
    fc.constant(JSON.stringify(payload)),
    fc.constant(`${JSON.stringify(payload).slice(0, -1)},"exp":1,"exp":${String(payload.exp)}}`),
    fc.constant(`${JSON.stringify(payload).slice(0, -1)},"sub":"${'🔑'.repeat(1000)}"}`),
    fc.constant(JSON.stringify(source.valid)),
    fc.constant(source.valid),
    anyJson.map((v) => JSON.stringify(v) ?? ''),
    nastyString,
  );

  const crafted = fc.tuple(header, claims, fc.constantFrom('rs256', 'rs256', 'rs256', 'hs256-public-pem', 'hs256-public-jwk', 'empty', 'garbage', 'original')).map(([hd, pl, how]) => {
    const input = `${b64(hd)}.${b64(pl)}`;
    let signature: string;
    if (how === 'rs256') signature = sign('sha256', Buffer.from(input), privateKey).toString('base64url');
    else if (how === 'hs256-public-pem') signature = createHmac('sha256', publicPem).update(input).digest('base64url');
    else if (how === 'hs256-public-jwk') signature = createHmac('sha256', JSON.stringify(source.publicJwk)).update(input).digest('base64url');
    else if (how === 'empty') signature = '';
    else if (how === 'original') signature = s;
    else signature = b64('garbage');
    return `${input}.${signature}`;
  });

  const mutated = fc.oneof(
    fc.tuple(fc.nat(source.valid.length - 1), fc.constantFrom(...'Aa0-_.=+/ \u0000é')).map(([i, c]) => source.valid.slice(0, i) + c + source.valid.slice(i + 1)),
    fc.nat(source.valid.length).map((i) => source.valid.slice(0, i)),
    fc.constantFrom(
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      `${p}.${h}.${s}`,
      `${h}..${s}`,
      `.${p}.${s}`,
      `${h}.${p}.`,
      `${h}.${p}.${s}=`,
      ` ${source.valid}`,
      `${source.valid}\n`,
      `Bearer ${source.valid}`,
      `${h}.${b64(source.valid)}.${s}`,
    ),
    base64urlChars.map((junk) => `${h}.${junk}.${s}`),
    base64urlChars.map((junk) => `${junk}.${p}.${s}`),
  );

  const huge = fc.constantFrom(`${h}.${'A'.repeat(1_000_001)}.${s}`, `${h}.${b64(JSON.stringify({ ...payload, pad: 'x'.repeat(600_000) }))}.${s}`, 'a'.repeat(2_000_000));

  return fc.oneof(
    { arbitrary: crafted, weight: 8 },
    { arbitrary: mutated, weight: 6 },
    { arbitrary: fc.tuple(base64urlChars, base64urlChars, base64urlChars).map((parts) => parts.join('.')), weight: 2 },
    { arbitrary: nastyString, weight: 2 },
    { arbitrary: huge, weight: 1 },
  );
}
