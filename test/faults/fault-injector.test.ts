import t from 'tap';
import { FaultInjector, type FaultSpec } from '../../src/faults/fault-injector.js';

t.test('set returns the fault as stored, with defaults filled in', async (t) => {
  const faults = new FaultInjector();
  t.same(faults.set({ target: 'jwks', status: 503 }), {
    target: 'jwks',
    status: 503,
    delayMs: 0,
    body: null,
    count: null,
    remaining: null,
    injected: 0,
  });
  t.same(faults.set({ target: 'jwks', delayMs: 150, body: 'empty', count: 2 }), {
    target: 'jwks',
    status: null,
    delayMs: 150,
    body: 'empty',
    count: 2,
    remaining: 2,
    injected: 0,
  });
});

t.test('take: nothing to take without a fault', async (t) => {
  t.equal(new FaultInjector().take('jwks'), null);
});

t.test('take counts down a count and removes the fault at zero', async (t) => {
  const faults = new FaultInjector();
  faults.set({ target: 'jwks', status: 502, count: 2 });
  t.match(faults.take('jwks'), { status: 502, remaining: 1, injected: 1 });
  t.match(faults.list(), [{ remaining: 1, injected: 1 }]);
  t.match(faults.take('jwks'), { status: 502, remaining: 0, injected: 2 });
  t.same(faults.list(), [], 'gone after the last request');
  t.equal(faults.take('jwks'), null, 'normal again');
});

t.test('take: a fault without count stays until cleared', async (t) => {
  const faults = new FaultInjector();
  faults.set({ target: 'jwks', body: 'malformed' });
  for (let i = 1; i <= 5; i++) t.match(faults.take('jwks'), { body: 'malformed', remaining: null, injected: i });
  faults.clear();
  t.equal(faults.take('jwks'), null);
});

t.test("a new fault replaces the target's previous one and its counters", async (t) => {
  const faults = new FaultInjector();
  faults.set({ target: 'jwks', status: 503, count: 3 });
  faults.take('jwks');
  faults.set({ target: 'jwks', body: 'empty' });
  t.same(faults.list(), [{ target: 'jwks', status: null, delayMs: 0, body: 'empty', count: null, remaining: null, injected: 0 }]);
});

t.test('clear(target) clears that target; clear() clears all', async (t) => {
  const faults = new FaultInjector();
  faults.set({ target: 'jwks', status: 503 });
  faults.clear('jwks');
  t.same(faults.list(), []);
  faults.clear('jwks');
  t.same(faults.list(), [], 'clearing nothing is fine');
  faults.set({ target: 'jwks', status: 503 });
  faults.clear();
  t.same(faults.list(), []);
});

t.test('what callers get are copies', async (t) => {
  const faults = new FaultInjector();
  const stored = faults.set({ target: 'jwks', status: 503, count: 1 });
  stored.remaining = 100;
  faults.list()[0]!.status = 500;
  const taken = faults.take('jwks')!;
  t.match(taken, { status: 503, remaining: 0 });
  t.same(faults.list(), []);
});

t.test('set refuses faults that are out of bounds, change nothing, or mix status and body', async (t) => {
  const faults = new FaultInjector();
  const bad: unknown[] = [
    { target: 'jwks' },
    { target: 'jwks', count: 3 },
    { target: 'jwks', status: 503, body: 'empty' },
    { target: 'oauth2', status: 503 },
    { target: 'jwks', body: 'truncated' },
    { target: 'jwks', status: 399 },
    { target: 'jwks', status: 600 },
    { target: 'jwks', status: 503.5 },
    { target: 'jwks', delayMs: -1 },
    { target: 'jwks', delayMs: 60_001 },
    { target: 'jwks', status: 503, count: 0 },
    { target: 'jwks', status: 503, count: 1.5 },
  ];
  for (const spec of bad) {
    t.throws(() => faults.set(spec as FaultSpec), { name: 'MockIdpError', code: 'BAD_REQUEST' }, JSON.stringify(spec));
  }
  t.same(faults.list(), [], 'nothing was set');
  t.ok(faults.set({ target: 'jwks', delayMs: 0 }), 'a zero delay is a fault: the JWKS is served uncacheable');
  t.ok(faults.set({ target: 'jwks', status: 599, delayMs: 60_000, count: 1 }), 'the bounds themselves are allowed');
});
