/**
 * `npm run bench:verify`: verifications per second of mock-idp/verifier with a
 * warm JWKS cache, against bare jose `jwtVerify` with the same key, measured in
 * the same run. The machine is shared and noisy, so the ratio is what counts
 * (target ≥ 0.9). Not part of the test suite.
 */
import { importJWK, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { startMockIdp } from '../../src/index.js';
import { createVerifier } from '../../src/verifier/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const inFlight = 8;

const idp = await startMockIdp({ config: { keys: { seedFile: new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url).pathname }, appServices: { store: 'memory' } } });
const clientId = '1vngm1viu6qqksk0qckq8aag7p';
const { token, header } = await idp.mint({ user: 'alice', tokenUse: 'access' });
const jwks = (await (await fetch(idp.jwksUri())).json()) as { keys: JWK[] };
const key = (await importJWK(jwks.keys.find((k) => k.kid === header.kid)!, 'RS256')) as CryptoKey;

const verifier = createVerifier({ issuer: idp.issuer(), jwksUri: idp.jwksUri(), clientId, tokenUse: 'access' });
await verifier.verify(token); // warm the cache

const contenders: Record<string, () => Promise<unknown>> = {
  'jose jwtVerify (reference)': () => jwtVerify(token, key, { issuer: idp.issuer(), algorithms: ['RS256'] }),
  'mock-idp/verifier (warm cache)': () => verifier.verify(token),
};

/** Runs `fn` with `inFlight` concurrent loops for `seconds`; returns operations per second. */
async function rate(fn: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < until) {
        await fn();
        done++;
      }
    }),
  );
  return done / seconds;
}

const results: Record<string, number[]> = {};
for (let i = 0; i < repeats; i++) {
  // Alternate so drift in machine load hits both alike.
  for (const [name, fn] of Object.entries(contenders)) (results[name] ??= []).push(await rate(fn));
}
await idp.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reference = median(results['jose jwtVerify (reference)']!);
console.log(`\nRS256 verifications/s, ${inFlight} in flight, ${repeats} × ${seconds} s, node ${process.version}\n`);
console.log('| verifier | median/s | min–max/s | ratio to jose |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(`| ${name} | ${Math.round(m)} | ${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} | ${(m / reference).toFixed(2)} |`);
}
