/**
 * Fault injection: makes one of the server's public endpoints misbehave on
 * purpose (slow, failing, malformed), so a verifier's error handling can be
 * tested. The control API (`/_mock/faults`) sets and clears faults; the
 * endpoint asks {@link FaultInjector.take} on every request.
 */
import { MockIdpError } from '../errors.js';

/**
 * The endpoints a fault can target. Only the JWKS (every pool's and the root
 * one) for now; OAuth2 and App Services endpoints may join this list.
 */
export const faultTargets = ['jwks'] as const;
export type FaultTarget = (typeof faultTargets)[number];

/**
 * What a faulty body is: `malformed` is a 200 whose JSON is cut off halfway,
 * `empty` a 200 with a key set that has no keys.
 */
export const faultBodies = ['malformed', 'empty'] as const;
export type FaultBody = (typeof faultBodies)[number];

/** The bounds of a fault's numbers; the control API's schema uses the same. */
export const faultLimits = {
  status: { minimum: 400, maximum: 599 },
  delayMs: { minimum: 0, maximum: 60_000 },
  count: { minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
} as const;

/**
 * A fault to set, as `POST /_mock/faults` takes it. At least one of `status`,
 * `delayMs` and `body` is required; `status` and `body` exclude each other
 * (a delay combines with either).
 */
export interface FaultSpec {
  target: FaultTarget;
  /** Answer this HTTP status (400–599) with `{"message": "<reason phrase>"}`. */
  status?: number;
  /** Wait this long (real milliseconds, 0–60000) before answering. */
  delayMs?: number;
  /** Answer 200 with a faulty body. */
  body?: FaultBody;
  /** Apply to the next `count` requests only; omitted: until cleared. */
  count?: number;
}

/** A fault as stored: the body of `POST /_mock/faults` and the items of `GET /_mock/faults`. */
export interface FaultInfo {
  target: FaultTarget;
  status: number | null;
  delayMs: number;
  body: FaultBody | null;
  /** How many requests the fault was set for; null: until cleared. */
  count: number | null;
  /** How many of them are left; null: until cleared. */
  remaining: number | null;
  /** How many requests the fault has been applied to so far. */
  injected: number;
}

/**
 * Holds at most one active fault per target. Setting a fault replaces the
 * target's previous one; a fault with a `count` removes itself after that many
 * requests.
 *
 * @example
 * const faults = new FaultInjector();
 * faults.set({ target: 'jwks', status: 503, count: 2 });
 * faults.take('jwks'); // { status: 503, remaining: 1, … }
 * faults.take('jwks'); // { status: 503, remaining: 0, … }
 * faults.take('jwks'); // null: the JWKS is served normally again
 */
export class FaultInjector {
  readonly #faults = new Map<FaultTarget, FaultInfo>();

  /**
   * Sets the fault of `spec.target`, replacing any previous one, and returns it as stored.
   * @throws {MockIdpError} `BAD_REQUEST` when the fault is out of bounds, changes nothing, or has both `status` and `body`.
   */
  set(spec: FaultSpec): FaultInfo {
    check(spec);
    const fault: FaultInfo = {
      target: spec.target,
      status: spec.status ?? null,
      delayMs: spec.delayMs ?? 0,
      body: spec.body ?? null,
      count: spec.count ?? null,
      remaining: spec.count ?? null,
      injected: 0,
    };
    this.#faults.set(spec.target, fault);
    return { ...fault };
  }

  /** Removes the fault of `target`, or every fault when no target is given. */
  clear(target?: FaultTarget): void {
    if (target === undefined) this.#faults.clear();
    else this.#faults.delete(target);
  }

  /** The active faults, in the order of {@link faultTargets}. */
  list(): FaultInfo[] {
    return faultTargets.flatMap((target) => {
      const fault = this.#faults.get(target);
      return fault ? [{ ...fault }] : [];
    });
  }

  /**
   * Called by the target endpoint once per request: the fault to apply to
   * this request, or null to answer normally. Counts the request against the
   * fault's `count` and removes the fault when none are left.
   */
  take(target: FaultTarget): FaultInfo | null {
    const fault = this.#faults.get(target);
    if (!fault) return null;
    fault.injected += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.#faults.delete(target);
    }
    return { ...fault };
  }
}

/** The rules the JSON schema cannot say clearly, and the bounds again for library callers. */
function check(spec: FaultSpec): void {
  const bad = (message: string) => new MockIdpError('BAD_REQUEST', message);
  if (!faultTargets.includes(spec.target)) throw bad(`target must be one of ${faultTargets.map((t) => `"${t}"`).join(', ')}`);
  if (spec.status === undefined && spec.delayMs === undefined && spec.body === undefined) {
    throw bad('a fault needs at least one of "status", "delayMs" and "body"');
  }
  if (spec.status !== undefined && spec.body !== undefined) {
    throw bad('"status" and "body" exclude each other: a status answers with an error body, "body" answers 200');
  }
  if (spec.body !== undefined && !faultBodies.includes(spec.body)) throw bad(`body must be one of ${faultBodies.map((b) => `"${b}"`).join(', ')}`);
  for (const name of ['status', 'delayMs', 'count'] as const) {
    const value = spec[name];
    const { minimum, maximum } = faultLimits[name];
    if (value !== undefined && !(Number.isInteger(value) && value >= minimum && value <= maximum)) {
      throw bad(`${name} must be an integer from ${minimum} to ${maximum}`);
    }
  }
}
