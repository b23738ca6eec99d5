/**
 * Limits on how deeply JSON may nest. `JSON.parse` copes with any depth, but
 * what comes after it does not: `structuredClone`, `JSON.stringify` and every
 * recursive walk overflow the stack somewhere past a few thousand levels, which
 * would turn a request into a 500. No token, Cognito request or App Services
 * call needs more than a handful of levels.
 */
import { MockIdpError } from '../errors.js';
import { jsonTextTooDeep } from '../verifier/json-depth.js';

export { jsonTextTooDeep };

/** Deepest nesting of any JSON request body, on every surface. */
export const maxBodyDepth = 64;

/** Deepest nesting of claims given to mint a token (`claims`) or added by claim rules, counting the claims object as 1. */
export const maxClaimsDepth = 32;

/** Whether a value nests deeper than `max` objects and arrays; iterative, and stops at the first path past `max`. */
export function valueTooDeep(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return false;
}

/** Throws BAD_REQUEST naming the limit when `claims` nest deeper than {@link maxClaimsDepth}. */
export function checkClaimsDepth(claims: unknown, where: string): void {
  if (valueTooDeep(claims, maxClaimsDepth)) {
    throw new MockIdpError('BAD_REQUEST', `${where}: nested deeper than ${maxClaimsDepth} levels (the limit on claim nesting)`);
  }
}
