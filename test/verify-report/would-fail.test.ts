/**
 * "Would also fail": the rows the verifier did not reach (it stops at the
 * first failure) that the token's claims would fail too, judged as the
 * verifier's claim checks judge them.
 */
import t from 'tap';
import { wouldFail } from '../../src/verify-report/would-fail.js';
import { call, startTestIdp } from '../helpers/idp.js';

const target = { issuer: 'https://issuer.example/pool', clientId: 'client-1', tokenUse: 'id' as const, toleranceSeconds: 5, nowSeconds: 1000 };
const good = { sub: 'u', iss: target.issuer, exp: 2000, iat: 900, token_use: 'id', aud: 'client-1' };

t.test('a valid payload fails no claim check; non-claim checks are not judged', async (t) => {
  for (const id of ['claims', 'issuer', 'exp', 'nbf', 'iat', 'token_use', 'audience'] as const) t.equal(wouldFail(id, good, target), false, id);
  for (const id of ['format', 'algorithm', 'kid', 'signature', 'payload'] as const) t.equal(wouldFail(id, good, target), null, id);
});

t.test('each claim check, with the clock tolerance', async (t) => {
  t.equal(wouldFail('claims', { ...good, sub: '' }, target), true, 'empty sub');
  t.equal(wouldFail('claims', { ...good, exp: 'soon' }, target), true, 'exp not a number');
  t.equal(wouldFail('issuer', { ...good, iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_x' }, target), true);
  t.equal(wouldFail('exp', { ...good, exp: 995 }, target), true, 'exp at now - tolerance');
  t.equal(wouldFail('exp', { ...good, exp: 996 }, target), false, 'within the tolerance');
  t.equal(wouldFail('nbf', { ...good, nbf: 1006 }, target), true);
  t.equal(wouldFail('iat', { ...good, iat: 1005 }, target), false, 'iat at now + tolerance');
  t.equal(wouldFail('token_use', { ...good, token_use: 'access' }, target), true);
  t.equal(wouldFail('audience', { ...good, aud: ['other', 'client-1'] }, target), false, 'aud as an array');
  t.equal(wouldFail('audience', { ...good, token_use: 'access', aud: undefined, client_id: 'other' }, target), true, 'access tokens: client_id');
});

t.test('POST /_mock/verify marks the rows not reached that would also fail', async (t) => {
  const idp = await startTestIdp(t);
  const minted = await call(idp, 'POST', '/_mock/tokens', { scenario: 'expired', tokenUse: 'access' });
  const report = await call(idp, 'POST', '/_mock/verify', { token: (minted.body as { token: string }).token, tokenUse: 'id' });
  const rows = (report.body as { checks: Array<{ id: string; status: string; wouldAlsoFail?: boolean }> }).checks;
  const marked = rows.filter((r) => r.wouldAlsoFail).map((r) => r.id);
  t.equal(rows.find((r) => r.id === 'exp')?.status, 'failed', 'the verifier stops at exp');
  t.same(marked, ['token_use'], "an access token checked as an ID token: token_use would fail next (its client_id is the client's)");
  t.ok(
    rows.filter((r) => r.status !== 'skipped').every((r) => r.wouldAlsoFail === undefined),
    'only rows not reached are marked',
  );
});
