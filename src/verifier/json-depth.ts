/**
 * How deeply JSON text nests, read from the text before it is parsed. Here
 * rather than beside the server's other input limits (src/security/json-depth.ts
 * re-exports it) because the verifier depends on nothing of the server.
 */

/** Deepest nesting of a token payload the verifier reads: Cognito's tokens nest 2 levels. */
export const maxPayloadDepth = 32;

/**
 * Whether JSON text nests deeper than `max` objects and arrays. A scan of the
 * text (strings skipped), so it runs before the text becomes objects.
 *
 * @example
 * jsonTextTooDeep('{"a":{"b":[1]}}', 2); // true
 */
export function jsonTextTooDeep(text: string, max: number): boolean {
  if (openingsAtMost(text, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * True when the text has at most `max` `{` and `[` in all (strings included): it cannot nest deeper, and
 * counting them with indexOf is a few times quicker than the scan (a Cognito payload has two or three).
 */
function openingsAtMost(text: string, max: number): boolean {
  let count = 0;
  for (let at = text.indexOf('{'); at !== -1 && count <= max; at = text.indexOf('{', at + 1)) count++;
  for (let at = text.indexOf('['); at !== -1 && count <= max; at = text.indexOf('[', at + 1)) count++;
  return count <= max;
}
