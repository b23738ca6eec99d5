/**
 * With `issuerStyle: "cognito-updated"`, tokens carry Cognito's UPDATED issuer,
 * `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}`; discovery agrees, the
 * JWKS is still served here, and aws-jwt-verify's CognitoJwtVerifier (which knows that
 * form) and jose verify them as they do the ORIGINAL form (cognito-pools.test.ts).
 */
import t from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { call, startTestIdp } from '../helpers/idp.js';
import { mint, poolTarget, verifyOptions } from './http.js';
import { awsCognitoVerifier, joseVerifier } from './verifiers.js';

const tokenUses: readonly TokenUse[] = ['id', 'access'];

t.test('the UPDATED issuer: discovery, /_mock/pools, and tokens verified by CognitoJwtVerifier and jose', async (t) => {
  const idp = await startTestIdp(t, { startMs: Date.now(), config: { issuerStyle: 'cognito-updated' } });
  const target = await poolTarget(t, idp, 'eu-west-1_TeamsPool');
  const issuer = 'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool';
  t.equal(target.issuer, issuer);
  const discovery = (await call(idp, 'GET', '/eu-west-1_TeamsPool/.well-known/openid-configuration')).body;
  t.equal(discovery.issuer, issuer, 'discovery names the same issuer');
  t.equal(discovery.jwks_uri, `${idp.url}/eu-west-1_TeamsPool/.well-known/jwks.json`, 'keys still served here');

  const cognitoVerifier = awsCognitoVerifier({ mockUrl: idp.url });
  const jose = joseVerifier();
  for (const tokenUse of tokenUses) {
    const minted = await mint(t, idp, target, { tokenUse });
    for (const verifier of [cognitoVerifier, jose]) {
      t.same(await verifier.verify(minted.token, verifyOptions(target, tokenUse)), { accept: true }, `${verifier.name}: ${tokenUse} token accepted`);
    }
    // The wrong-issuer scenario stays in the pool's form: only the pool id differs.
    const wrong = await mint(t, idp, target, { tokenUse, scenario: 'wrong-issuer' });
    const iss = JSON.parse(Buffer.from(wrong.token.split('.')[1]!, 'base64url').toString()).iss as string;
    t.match(iss, /^https:\/\/issuer-cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_/, 'wrong-issuer in the UPDATED form');
    t.not(iss, issuer);
    for (const verifier of [cognitoVerifier, jose]) {
      t.equal((await verifier.verify(wrong.token, verifyOptions(target, tokenUse))).accept, false, `${verifier.name}: wrong-issuer ${tokenUse} token rejected`);
    }
  }
  // An ORIGINAL-form verifier of the same pool refuses UPDATED-form tokens: the forms are distinct issuers.
  const minted = await mint(t, idp, target, { tokenUse: 'id' });
  const original = { ...verifyOptions(target, 'id'), issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool' };
  t.equal((await jose.verify(minted.token, original)).accept, false, 'jose pinned to the ORIGINAL form rejects it');
});

t.test("a configured pool chooses its own form over the server's", async (t) => {
  const clients = [{ id: '5updatedclient000000000000a', name: 'web', secret: null }];
  const idp = await startTestIdp(t, {
    startMs: Date.now(),
    config: {
      issuerStyle: 'cognito',
      pools: [
        { id: 'us-east-1_LocalPool', users: '*', clients },
        { id: 'eu-west-1_TeamsPool', users: '*', clients: [{ ...clients[0]!, id: '5updatedclient000000000000b' }], issuerStyle: 'cognito-updated' },
      ],
    },
  });
  t.equal((await poolTarget(t, idp, 'us-east-1_LocalPool')).issuer, 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_LocalPool', "the server's form");
  const teams = await poolTarget(t, idp, 'eu-west-1_TeamsPool');
  t.equal(teams.issuer, 'https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TeamsPool', "the pool's own");
  const minted = await mint(t, idp, teams, { tokenUse: 'access' });
  t.same(await awsCognitoVerifier({ mockUrl: idp.url }).verify(minted.token, verifyOptions(teams, 'access')), { accept: true });
});
