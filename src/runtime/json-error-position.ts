/**
 * Where JSON text stops being valid, as a line and column. For error messages
 * about files that hold secrets (keys files, config with an admin token or a
 * MongoDB password): V8's `JSON.parse` messages quote the text around the
 * error, which can be a piece of a private key, so callers report this instead.
 */

const whitespace = new Set([' ', '\t', '\n', '\r']);
const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * "line 3, column 17" for the first character that makes `text` invalid JSON
 * (its end, for text cut short); never any of the text itself.
 *
 * @example
 * jsonErrorPosition('{\n  "d": "abc",\n}'); // 'line 3, column 1'
 */
export function jsonErrorPosition(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === -1) return 'position unknown';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** The offset of the first character that makes `text` invalid JSON, or -1 when it is valid. Iterative: no depth limit. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: string[] = [];
  const skip = () => {
    while (i < text.length && whitespace.has(text[i]!)) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c.charCodeAt(0) < 0x20) return false;
      if (c === '\\') {
        const e = text[i + 1];
        if (e !== undefined && escapes.has(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else return (i++, false);
      } else i++;
    }
    return false;
  };
  // A key and its colon; false with `i` at the fault.
  const key = (): boolean => {
    skip();
    if (!string()) return false;
    skip();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  for (;;) {
    // A value.
    skip();
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      skip();
      if (text[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c);
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
    else if (text.startsWith('false', i)) i += 5;
    else {
      number.lastIndex = i;
      if (!number.test(text)) return i;
      i = number.lastIndex;
    }
    // What follows a value: a comma, the end of its container, or the end of the text.
    for (;;) {
      skip();
      const top = stack.at(-1);
      if (top === undefined) return i < text.length ? i : -1;
      const d = text[i];
      if (d === ',') {
        i++;
        if (top === '{' && !key()) return i;
        break;
      }
      if (d !== (top === '{' ? '}' : ']')) return i;
      i++;
      stack.pop();
    }
  }
}
