import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { ManualClock } from '../../src/clock.js';
import type { MockIdp } from '../../src/index.js';
import { startMockIdp, type InternalMockIdp, type InternalStartOptions } from '../../src/internal.js';
import { reserveKeyFactory } from './key-factory.js';
import { watchForPrivateKeys, type LeakWatch } from './private-key-leak.js';

/** Committed test-only keys: tests start without generating RSA keys. */
export const testKeysFile = fileURLToPath(new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url));

/** A fixed start time for tests that move the clock: 2030-01-01T00:00:00Z. */
export const testEpochMs = Date.parse('2030-01-01T00:00:00Z');

export interface TestIdp extends InternalMockIdp {
  /** The base clock under the server's clock; advance it to move time. */
  baseClock: ManualClock;
  /** Every response the server sent was searched for private key material; a find fails the test. */
  leakWatch: LeakWatch;
}

/**
 * Starts mock-idp on port 0 with the test-only keys (seeds, and reserve keys where it would generate one, its
 * refresh-token key included) and a manual clock
 * (starting at `startMs`, default {@link testEpochMs}), and closes it when the
 * test ends. Tests that hand tokens to third-party verifiers, which read the
 * real time, pass `startMs: Date.now()`.
 *
 * Every response body, on every surface, is searched for private key material
 * (a private JWK member or a PEM private key): any find fails the test.
 */
export async function startTestIdp(t: Test, options: InternalStartOptions & { startMs?: number } = {}): Promise<TestIdp> {
  const { startMs = testEpochMs, ...rest } = options;
  options = rest;
  const baseClock = new ManualClock(startMs);
  const leakWatch = watchForPrivateKeys((what) => t.fail(`no private key material leaves the server: ${what}`));
  const idp = await startMockIdp({
    clock: baseClock,
    inspectResponse: leakWatch.inspect,
    // Committed test-only keys where the server would generate one (a pool made at run time, a rotation).
    keyFactory: reserveKeyFactory(),
    ...options,
    config: {
      ...options.config,
      keys: { seedFile: testKeysFile, ...options.config?.keys },
      // No mongod here by default: the store's own tests cover MongoDB where one exists.
      appServices: { store: 'memory', ...options.config?.appServices },
    },
  });
  t.teardown(() => idp.close());
  return Object.assign(idp, { baseClock, leakWatch });
}

/**
 * JSON request to the server; returns status, headers and parsed body. Every
 * request but a GET says `Content-Type: application/json`, body or not, as the
 * control API requires.
 */
export async function call(idp: Pick<MockIdp, 'url'>, method: string, path: string, body?: unknown) {
  const res = await fetch(idp.url + path, {
    method,
    headers: method === 'GET' || method === 'HEAD' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

/**
 * For a file whose tests share one server: before each test, `POST /_mock/reset`
 * puts the configured pools, users and clock back and forgets sign-ins and codes
 * (pools made through the API go), so no test sees another's changes.
 */
export function resetBeforeEach(t: Test, idp: Pick<MockIdp, 'url'>, body: { keys?: boolean; appServices?: boolean } = {}): void {
  t.beforeEach(async () => {
    const res = await call(idp, 'POST', '/_mock/reset', body);
    if (res.status !== 200) throw new Error(`POST /_mock/reset: ${res.status} ${JSON.stringify(res.body)}`);
  });
}
