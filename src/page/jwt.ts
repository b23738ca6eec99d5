/** A compact JWT split into its parts, each decoded where it can be. Decoding is not verifying. */
export interface DecodedToken {
  parts: [string, string, string] | null;
  header: Record<string, unknown> | null;
  payload: Record<string, unknown> | null;
}

/** Decodes a base64url part to a JSON object, or null. */
function decodePart(part: string): Record<string, unknown> | null {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Splits and decodes a token; any part that does not decode is null. */
export function decodeToken(token: string): DecodedToken {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return { parts: null, header: null, payload: null };
  const [header, payload, signature] = parts as [string, string, string];
  return { parts: [header, payload, signature], header: decodePart(header), payload: decodePart(payload) };
}
