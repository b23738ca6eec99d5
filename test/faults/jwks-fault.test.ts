import t from 'tap';
import { FaultInjector } from '../../src/faults/fault-injector.js';
import { faultyJwks } from '../../src/faults/jwks-fault.js';

const jwks = JSON.stringify({ keys: [{ kid: 'a', kty: 'RSA', n: 'x'.repeat(300), e: 'AQAB' }] });
const fault = (spec: Parameters<FaultInjector['set']>[0]) => new FaultInjector().set(spec);

t.test('a status answers an API-gateway-style message', async (t) => {
  t.same(faultyJwks(fault({ target: 'jwks', status: 503 }), jwks), { status: 503, body: '{"message":"Service Unavailable"}' });
  t.same(faultyJwks(fault({ target: 'jwks', status: 429, delayMs: 10 }), jwks), { status: 429, body: '{"message":"Too Many Requests"}' });
  t.same(faultyJwks(fault({ target: 'jwks', status: 599 }), jwks), { status: 599, body: '{"message":"Error"}' }, 'a status without a reason phrase');
});

t.test('malformed: 200 with the key set cut off halfway', async (t) => {
  const answer = faultyJwks(fault({ target: 'jwks', body: 'malformed' }), jwks);
  t.equal(answer.status, 200);
  t.ok(jwks.startsWith(answer.body) && answer.body.length < jwks.length, 'a prefix of the real key set');
  t.throws(() => JSON.parse(answer.body), SyntaxError);
});

t.test('empty: 200 with no keys', async (t) => {
  t.same(faultyJwks(fault({ target: 'jwks', body: 'empty' }), jwks), { status: 200, body: '{"keys":[]}' });
});

t.test('a delay alone: the real key set', async (t) => {
  t.same(faultyJwks(fault({ target: 'jwks', delayMs: 100 }), jwks), { status: 200, body: jwks });
});
