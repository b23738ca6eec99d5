import t from 'tap';
import { call, startTestIdp, testEpochMs } from '../../helpers/idp.js';
import { assertErrorBody } from '../../helpers/error-body.js';

const epoch = testEpochMs / 1000;

t.test('GET /_mock/clock: the server time', async (t) => {
  const idp = await startTestIdp(t);
  const res = await call(idp, 'GET', '/_mock/clock');
  t.equal(res.status, 200);
  t.same(res.body, { now: '2030-01-01T00:00:00.000Z', epochSeconds: epoch, offsetSeconds: 0, fixed: false });
  idp.baseClock.advanceBy(5_000);
  t.equal((await call(idp, 'GET', '/_mock/clock')).body.epochSeconds, epoch + 5, 'follows the base clock');
});

t.test('POST /_mock/clock: advanceSeconds adds up, offsetSeconds sets the offset', async (t) => {
  const idp = await startTestIdp(t);
  let res = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 90 });
  t.equal(res.status, 200);
  t.same(res.body, { now: '2030-01-01T00:01:30.000Z', epochSeconds: epoch + 90, offsetSeconds: 90, fixed: false });
  res = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 90 });
  t.equal(res.body.offsetSeconds, 180);
  res = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: -30.5 });
  t.equal(res.body.offsetSeconds, 149.5, 'negative and fractional steps');
  res = await call(idp, 'POST', '/_mock/clock', { offsetSeconds: -60 });
  t.equal(res.body.offsetSeconds, -60);
  t.equal(res.body.epochSeconds, epoch - 60);
  t.equal(idp.clock.nowSeconds(), epoch - 60, 'the library sees the same clock');
});

t.test('POST /_mock/clock: fixedTime as ISO 8601 or epoch seconds freezes time; reset undoes it', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 10 });
  let res = await call(idp, 'POST', '/_mock/clock', { fixedTime: '2031-06-01T12:00:00+02:00' });
  t.equal(res.status, 200);
  t.same(res.body, { now: '2031-06-01T10:00:00.000Z', epochSeconds: Date.parse('2031-06-01T10:00:00Z') / 1000, offsetSeconds: 0, fixed: true });
  idp.baseClock.advanceBy(60_000);
  t.equal((await call(idp, 'GET', '/_mock/clock')).body.now, '2031-06-01T10:00:00.000Z', 'frozen: the base clock does not move it');
  res = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 5 });
  t.equal(res.body.now, '2031-06-01T10:00:05.000Z', 'a frozen clock can still be advanced');

  res = await call(idp, 'POST', '/_mock/clock', { fixedTime: 1_900_000_000 });
  t.match(res.body, { epochSeconds: 1_900_000_000, offsetSeconds: 0, fixed: true });

  res = await call(idp, 'POST', '/_mock/clock', { reset: true });
  t.same(res.body, { now: '2030-01-01T00:01:00.000Z', epochSeconds: epoch + 60, offsetSeconds: 0, fixed: false }, 'back to the base clock');
});

t.test('a fixed time from config is what reset returns to', async (t) => {
  const idp = await startTestIdp(t, { config: { clock: { fixedTime: '2032-02-02T00:00:00Z' } } });
  t.match((await call(idp, 'GET', '/_mock/clock')).body, { now: '2032-02-02T00:00:00.000Z', fixed: true });
  await call(idp, 'POST', '/_mock/clock', { offsetSeconds: 100 });
  const res = await call(idp, 'POST', '/_mock/clock', { reset: true });
  t.match(res.body, { now: '2032-02-02T00:00:00.000Z', fixed: true, offsetSeconds: 0 });
});

t.test('POST /_mock/clock: bad input → 400 BAD_REQUEST and the clock unchanged', async (t) => {
  const idp = await startTestIdp(t);
  await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 7 });
  const bodies: unknown[] = [
    { fixedTime: 'tomorrow' },
    { fixedTime: '' },
    { fixedTime: true },
    { fixedTime: 1e20 },
    { fixedTime: -1 },
    { fixedTime: '+275760-09-13T00:00:00.000Z' },
    { advanceSeconds: 1e300 },
    { offsetSeconds: -1e12 },
    { advanceSeconds: 60, offsetSeconds: 0 },
    { fixedTime: '2031-01-01T00:00:00Z', reset: true },
    {},
    { advanceSeconds: '60' },
    { reset: false },
    { rewindSeconds: 60 },
    [],
  ];
  for (const body of bodies) {
    assertErrorBody(t, await call(idp, 'POST', '/_mock/clock', body), 400, 'BAD_REQUEST', JSON.stringify(body));
  }
  const after = await call(idp, 'GET', '/_mock/clock');
  t.equal(after.status, 200);
  t.match(after.body, { offsetSeconds: 7, fixed: false }, 'no bad request changed the clock');
  t.equal((await call(idp, 'POST', '/_mock/tokens', {})).status, 200, 'and the server still mints');
});

t.test('a token minted, the clock moved past its exp, a new token: iat moved', async (t) => {
  const idp = await startTestIdp(t);
  const first = (await call(idp, 'POST', '/_mock/tokens', { client: 'backend', tokenUse: 'access' })).body.payload;
  t.equal(first.iat, epoch);
  t.equal(first.exp, epoch + 900);
  const moved = await call(idp, 'POST', '/_mock/clock', { advanceSeconds: 901 });
  t.ok(moved.body.epochSeconds > first.exp, 'the first token is now expired');
  const second = (await call(idp, 'POST', '/_mock/tokens', { client: 'backend', tokenUse: 'access' })).body.payload;
  t.equal(second.iat, epoch + 901);
  t.equal(second.exp, epoch + 901 + 900);
  t.equal(second.auth_time, epoch + 901);
});
