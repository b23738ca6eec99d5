/**
 * With `issuerStyle: "cognito"`, every pool's tokens carry Cognito's real
 * issuer for its region, and CognitoJwtVerifier (configured with nothing but
 * the pool id and client id, as against real Cognito) verifies them once its
 * fetcher sends `https://cognito-idp.<region>.amazonaws.com` to the mock.
 */
import t from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { startTestIdp } from '../helpers/idp.js';
import { mint, poolTarget, publishedKids, verifyOptions } from './http.js';
import { awsCognitoVerifier } from './verifiers.js';

const tokenUses: readonly TokenUse[] = ['id', 'access'];

t.test('tokens of the second pool (eu-west-1_TeamsPool) verify with CognitoJwtVerifier for that pool', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { issuerStyle: 'cognito' } });
  const teams = await poolTarget(t, idp, 'eu-west-1_TeamsPool');
  const local = await poolTarget(t, idp);
  t.equal(teams.issuer, 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool', 'issuer in Cognito form, eu-west-1');
  t.not(local.pool, teams.pool, 'the default pool is another one');

  const verifier = awsCognitoVerifier({ mockUrl: idp.url });
  for (const tokenUse of tokenUses) {
    const minted = await mint(t, idp, teams, { tokenUse });
    t.ok((await publishedKids(idp, teams)).includes(minted.signedWith!.kid), 'signed by a key of the TeamsPool JWKS');
    t.notOk((await publishedKids(idp, local)).includes(minted.signedWith!.kid), 'which the LocalPool JWKS does not have');
    t.same(await verifier.verify(minted.token, verifyOptions(teams, tokenUse)), { accept: true }, `TeamsPool ${tokenUse} token accepted`);

    // Each verifier is pinned to its pool: the other pool's issuer is not configured.
    const otherPool = await verifier.verify(minted.token, verifyOptions(local, tokenUse));
    t.equal(otherPool.accept, false, `a LocalPool verifier rejects the TeamsPool ${tokenUse} token`);
    const localToken = await mint(t, idp, local, { tokenUse });
    t.equal((await verifier.verify(localToken.token, verifyOptions(teams, tokenUse))).accept, false, `a TeamsPool verifier rejects a LocalPool ${tokenUse} token`);
  }
  // One JWKS per pool, each fetched once (keys cached per JWKS URI; the
  // rejections above fail on the issuer before any key is looked up).
  t.equal(verifier.jwksFetches, 1, 'only the TeamsPool JWKS was fetched');
});
