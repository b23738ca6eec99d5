/**
 * Cognito's `AttributeNameType` (1–32 characters) for each member of a list such as
 * `UserAttributeNames` or `AttributesToGet`, as validation problems in its words.
 */
export function attributeNameProblems(at: string, names: readonly string[]): string[] {
  const bad = names.filter((n) => n.length < 1 || n.length > 32);
  if (!bad.length) return [];
  return [
    `Value '[${names.join(', ').slice(0, 60)}]' at '${at}' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 32, Member must have length greater than or equal to 1]`,
  ];
}
