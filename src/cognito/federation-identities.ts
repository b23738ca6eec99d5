/**
 * The `identities` claim of a federated user's ID token, from the `identities` attribute (a JSON string):
 * the same entries, but with `primary` and `dateCreated` as strings, as Cognito's tokens carry them
 * (`"primary":"true","dateCreated":"1682704282933"`). An attribute that is not such a list stays the string it is.
 */
export function identitiesClaim(attribute: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(attribute);
  } catch {
    return attribute;
  }
  if (!Array.isArray(parsed)) return attribute;
  return parsed.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const e = entry as Record<string, unknown>;
    return {
      ...e,
      ...(e.primary !== undefined ? { primary: String(e.primary) } : {}),
      ...(e.dateCreated !== undefined ? { dateCreated: String(e.dateCreated) } : {}),
    };
  });
}
