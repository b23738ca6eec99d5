import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { schemaFromRequest } from '../../cognito/pool-schema.js';
import type { SchemaAttribute } from '../../directory/pool.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** Cognito's quota of custom attributes per pool (developer guide, "Quotas in Amazon Cognito"). */
export const maxCustomAttributes = 50;

/**
 * `AddCustomAttributes`: adds `custom:<Name>` (`dev:custom:<Name>` when DeveloperOnlyAttribute) to
 * the pool's schema, checked as CreateUserPool checks its `Schema` (names, data types, constraints,
 * no required custom attribute). Every name is a custom one, even one spelled like a standard
 * attribute. A name the schema already has, or more than 50 custom attributes in all, is refused
 * (InvalidParameterException) before anything changes.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html
 */
export const addCustomAttributes =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string', CustomAttributes: 'objectList' });
    const list = input.CustomAttributes;
    if (list.length < 1 || list.length > 25) {
      throw validationError([
        `Value '${JSON.stringify(list).slice(0, 60)}' at 'customAttributes' failed to satisfy constraint: Member must have length ${list.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 25'}`,
      ]);
    }
    const pool = poolById(directory, input.UserPoolId);
    const added = customAttributes(list);
    const existing = new Set(pool.settings.SchemaAttributes.map((a) => a.Name));
    for (const attribute of added) {
      // Cognito's wording for this refusal is not documented.
      if (existing.has(attribute.Name)) throw new CognitoError('InvalidParameterException', `Existing attribute already has name ${attribute.Name}.`);
    }
    const custom = pool.settings.SchemaAttributes.filter((a) => /^(dev:)?custom:/.test(a.Name)).length;
    if (custom + added.length > maxCustomAttributes) {
      throw new CognitoError('InvalidParameterException', `A user pool can have at most ${maxCustomAttributes} custom attributes (it has ${custom}).`);
    }
    pool.settings.SchemaAttributes = [...pool.settings.SchemaAttributes, ...added];
    pool.modifiedAt = clock.now();
    return {};
  };

/**
 * The request's attributes as schema entries, through CreateUserPool's schema checks. Those treat a
 * standard name as a redefinition of that attribute, so each name goes through them as a stand-in
 * that no standard attribute has, and comes back as `custom:<Name>`.
 */
function customAttributes(list: ReadonlyArray<Record<string, unknown>>): SchemaAttribute[] {
  const names = list.map((m) => m.Name);
  const standIns = list.map((m, i) => (typeof m.Name === 'string' && /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u.test(m.Name) ? { ...m, Name: `~${i}` } : m));
  let schema: SchemaAttribute[];
  try {
    schema = schemaFromRequest(standIns);
  } catch (error) {
    if (error instanceof CognitoError)
      throw new CognitoError(
        error.type,
        error.message.replaceAll("at 'schema", "at 'customAttributes").replace(/~(\d+)/g, (_, i: string) => String(names[Number(i)])),
      );
    throw error;
  }
  return schema.filter((a) => /^(dev:)?custom:~\d+$/.test(a.Name)).map((a) => ({ ...a, Name: a.Name.replace(/~(\d+)$/, (_, i: string) => String(names[Number(i)])) }));
}
