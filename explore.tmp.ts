import { scenarios } from './src/tokens/scenarios.js';
import { startMockIdp } from './src/index.js';
import { ManualClock } from './src/clock.js';
import { testKeysFile } from './test/helpers/idp.js';
import { joseVerifier, jsonwebtokenVerifier, awsCognitoVerifier, awsJwtVerifier } from './test/compat/verifiers.js';
import { JwtVerifier } from 'aws-jwt-verify';

const start = async (style: 'local'|'cognito') => startMockIdp({ clock: new ManualClock(Date.now()), config: { issuerStyle: style, keys: { seedFile: testKeysFile } } });
const local = await start('local');
const cog = await start('cognito');
const clientId = '1vngm1viu6qqksk0qckq8aag7p';
async function mint(idp: any, scenario: string, tokenUse: string) {
  const post = (p: string, b?: unknown) => fetch(idp.url + p, { method: 'POST', headers: b ? { 'content-type': 'application/json' } : {}, body: b ? JSON.stringify(b) : undefined }).then(async r => ({ status: r.status, body: await r.json() as any }));
  let r = await post('/_mock/tokens', { scenario, tokenUse, client: clientId });
  if (r.status === 409) {
    const s = scenarios.find(x => x.name === scenario)!;
    if (s.signer === 'retiring') await post('/_mock/keys/rotate', { pool: 'us-east-1_LocalPool', tokenUse });
    else { const keys = await fetch(idp.url + '/_mock/keys').then(r => r.json()) as any; const k = keys.keys.find((k: any) => k.pool === 'us-east-1_LocalPool' && k.use === tokenUse && k.state === 'active'); await post(`/_mock/keys/${encodeURIComponent(k.kid)}/retire`); }
    r = await post('/_mock/tokens', { scenario, tokenUse, client: clientId });
  }
  if (r.status !== 200) throw new Error(JSON.stringify(r));
  return r.body.token as string;
}
for (const s of scenarios) for (const use of ['id', 'access'] as const) {
  const tl = await mint(local, s.name, use), tc = await mint(cog, s.name, use);
  const lo = { issuer: local.issuer(), clientId, tokenUse: use, jwksUri: local.jwksUri() };
  const co = { issuer: cog.issuer(), clientId, tokenUse: use, jwksUri: cog.jwksUri() };
  const res = [await joseVerifier().verify(tl, lo), await jsonwebtokenVerifier().verify(tl, lo), await awsJwtVerifier().verify(tl, lo), await awsCognitoVerifier({ mockUrl: cog.url }).verify(tc, co)];
  console.log(s.name.padEnd(24), use.padEnd(7), 'exp', String(s.expected.accept).padEnd(6), res.map(r => r.accept ? 'ACCEPT' : 'reject(' + (r as any).error.slice(0, 70) + ')').join(' | '));
}
// default fetcher and http
const v = JwtVerifier.create({ issuer: local.issuer(), audience: null, jwksUri: local.jwksUri() });
await v.verify(await mint(local, 'valid', 'id')).then(() => console.log('default fetcher OK'), (e) => console.log('default fetcher:', e.constructor.name, e.message));
await local.close(); await cog.close();
