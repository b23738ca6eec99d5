import t from 'tap';
import { scenarios } from '../../../src/tokens/scenarios.js';
import { call, startTestIdp } from '../../helpers/idp.js';

t.test('GET /_mock/scenarios lists every scenario of the table', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/_mock/scenarios');
  t.equal(res.status, 200);
  const listed = res.body.scenarios as Array<Record<string, any>>;
  t.same(
    listed.map((s) => s.name),
    scenarios.map((s) => s.name),
    'all of them, in table order',
  );
  for (const s of listed) {
    t.same(Object.keys(s).sort(), ['advice', 'expected', 'explanation', 'name', 'signer', 'title'], s.name);
    t.ok(s.explanation.length > 40, `${s.name}: an explanation for humans`);
    t.type(s.expected.accept, 'boolean');
    if (!s.expected.accept) t.match(s.expected.code, /^[A-Z_]+$/, `${s.name}: the code a verifier must give`);
  }
  const names = listed.map((s) => s.name);
  for (const required of [
    'valid',
    'expired',
    'not-yet-valid',
    'issued-in-future',
    'wrong-audience',
    'wrong-issuer',
    'wrong-token-use',
    'unknown-kid',
    'missing-kid',
    'signed-by-retiring-key',
    'signed-by-retired-key',
    'bad-signature',
    'alg-none',
    'hs256-with-public-key',
    'missing-sub',
    'malformed',
  ]) {
    t.ok(names.includes(required), `${required} is in the table`);
  }
  t.same(listed.find((s) => s.name === 'signed-by-retiring-key')!.expected, { accept: true }, "a retiring key's tokens are still valid");
  t.same(listed.find((s) => s.name === 'expired')!.expected, { accept: false, code: 'EXPIRED' });
});
