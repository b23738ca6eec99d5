import { isUint8Array } from 'node:util/types';

type Base64Options = { alphabet?: unknown; omitPadding?: unknown };

/**
 * `Uint8Array.prototype.toBase64` (ES2026), as the proposal specifies it, made
 * from Buffer's native base64 encoder.
 *
 * Why: jose base64url-encodes every part of every token with this method when
 * the runtime has it, and otherwise through `String.fromCharCode`, `btoa` and
 * three regular-expression replacements. Node 20 lacks it, and a Cognito
 * sign-in encodes two signed tokens and a JWE: the fallback was a measurable
 * share of each sign-in's and mint's CPU (docs/reference/performance.md).
 *
 * Only encoding: `Uint8Array.fromBase64` must reject malformed input exactly
 * as the specification says, where Buffer's decoder skips bad characters, and
 * a verifier must not accept a token whose encoding is not canonical.
 */
function toBase64(this: Uint8Array, ...args: [options?: Base64Options]): string {
  if (!isUint8Array(this)) throw new TypeError('Uint8Array.prototype.toBase64 requires that "this" be a Uint8Array');
  const options = args[0];
  if (options !== undefined && (options === null || (typeof options !== 'object' && typeof options !== 'function'))) {
    throw new TypeError('The options argument of Uint8Array.prototype.toBase64 must be an object');
  }
  const alphabet = options?.alphabet ?? 'base64';
  if (alphabet !== 'base64' && alphabet !== 'base64url') {
    throw new TypeError('The alphabet option of Uint8Array.prototype.toBase64 must be "base64" or "base64url"');
  }
  const omitPadding = Boolean(options?.omitPadding);
  const bytes = Buffer.from(this.buffer, this.byteOffset, this.byteLength);
  if (alphabet === 'base64') {
    const encoded = bytes.toString('base64');
    return omitPadding ? encoded.replace(/=+$/, '') : encoded;
  }
  // Buffer's base64url never pads; the method pads unless told not to.
  const encoded = bytes.toString('base64url');
  return omitPadding ? encoded : encoded + '='.repeat((4 - (encoded.length % 4)) % 4);
}

/**
 * Installs {@link toBase64} where the runtime has no `Uint8Array.prototype.toBase64`
 * of its own (a native one is left alone). Returns whether it installed it.
 *
 * The CLI's process calls this once at start (src/cli/main.ts). The library
 * entry points do not: a library must not change its host's globals.
 *
 * @example
 * installUint8ArrayToBase64();
 * new Uint8Array([251, 255]).toBase64({ alphabet: 'base64url', omitPadding: true }); // '-_8'
 */
export function installUint8ArrayToBase64(): boolean {
  if ('toBase64' in Uint8Array.prototype) return false;
  Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: toBase64, writable: true, enumerable: false, configurable: true });
  return true;
}
