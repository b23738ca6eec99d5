import type { InspectedResponse } from '../../src/app.js';

/** The private members of an RSA (or EC/OKP) JWK: none may ever leave the server. */
export const privateJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * Where a response body holds private key material, or null: a PEM private key
 * anywhere in the text, or (in JSON) an object with a private JWK member. Only
 * JSON bodies are parsed; every body is searched for PEM.
 *
 * @example
 * privateKeyMaterialIn({ contentType: 'application/json', body: '{"keys":[{"kty":"RSA","d":"…"}]}' }); // 'keys[0].d'
 */
export function privateKeyMaterialIn(response: Pick<InspectedResponse, 'contentType' | 'body'>): string | null {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(response.body)) return 'a PEM private key';
  if (!/json/i.test(response.contentType)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return null;
  }
  return search(parsed, '');
}

function search(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = search(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const object = value as Record<string, unknown>;
  const looksLikeJwk = 'kty' in object || ('n' in object && 'e' in object) || 'crv' in object;
  for (const member of privateJwkMembers) {
    // A JWK's private member, or any long base64url value under a private member's name.
    if (member in object && (looksLikeJwk || (typeof object[member] === 'string' && /^[A-Za-z0-9_-]{32,}$/.test(object[member])))) {
      return `${path ? `${path}.` : ''}${member}`;
    }
  }
  for (const [key, child] of Object.entries(object)) {
    const found = search(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** Counts what the server sent, for the report; `leaks` lists every response that held private key material. */
export interface LeakWatch {
  inspected: number;
  leaks: string[];
  inspect: (response: InspectedResponse) => void;
}

/** An inspector for `startMockIdp({ inspectResponse })` that records every leak through `onLeak`. */
export function watchForPrivateKeys(onLeak: (what: string) => void): LeakWatch {
  const watch: LeakWatch = {
    inspected: 0,
    leaks: [],
    inspect(response) {
      watch.inspected++;
      const where = privateKeyMaterialIn(response);
      if (where) {
        const what = `${response.method} ${response.url} (${response.statusCode}) sent private key material at ${where}`;
        watch.leaks.push(what);
        onLeak(what);
      }
    },
  };
  return watch;
}
