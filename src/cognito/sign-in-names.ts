import type { UserRecord } from '../config/types.js';
import type { Directory, Pool } from '../directory/directory.js';
import { CognitoError } from './errors.js';
import { cognitoSub } from './new-user.js';

/**
 * The names a user signs in by, as the pool's `UsernameAttributes` and `AliasAttributes` say
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-aliases),
 * and the refusals that keep each name pointing at one user.
 */

const emailFormat = /^[^\s@]+@[^\s@]+$/;
/** E.164, as Cognito stores phone numbers: `+` and digits. */
const phoneFormat = /^\+[0-9]{4,15}$/;

export const isEmailFormat = (value: string) => emailFormat.test(value);
export const isPhoneFormat = (value: string) => phoneFormat.test(value);

/** The identity of a user about to be created (SignUp, AdminCreateUser). */
export interface NewIdentity {
  username: string;
  sub: string;
  attributes: Record<string, string>;
}

/**
 * The username and attributes a new user gets. With `UsernameAttributes`, the `Username` of the
 * request must be an email or phone number the pool signs in by: it goes to that attribute, and
 * the username is a new UUID equal to the sub (the SignUp API reference: "generates a persistent
 * UUID for your user, and uses it as the immutable username attribute internally"). With email or
 * phone_number in `AliasAttributes`, the username may not look like one (InvalidParameterException
 * in Cognito's words; the phone wording is by analogy with the email one, which is widely quoted).
 */
export function newIdentity(pool: Pool, requested: string, attributes: Record<string, string>): NewIdentity {
  const sub = cognitoSub();
  const usernameAttributes = pool.settings.UsernameAttributes ?? [];
  if (usernameAttributes.length) {
    const byEmail = usernameAttributes.includes('email') && isEmailFormat(requested);
    const byPhone = !byEmail && usernameAttributes.includes('phone_number') && isPhoneFormat(requested);
    if (!byEmail && !byPhone) {
      const message =
        usernameAttributes.length === 2
          ? 'Username should be either an email or a phone number.'
          : usernameAttributes[0] === 'email'
            ? 'Username should be an email.'
            : 'Username should be a phone number.';
      throw new CognitoError('InvalidParameterException', message);
    }
    return { username: sub, sub, attributes: { ...attributes, [byEmail ? 'email' : 'phone_number']: requested } };
  }
  const aliases = pool.settings.AliasAttributes ?? [];
  if (aliases.includes('email') && isEmailFormat(requested)) {
    throw new CognitoError('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && isPhoneFormat(requested)) {
    throw new CognitoError('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone_number alias.');
  }
  return { username: requested, sub, attributes };
}

/** Alias attributes another user must give up once this request succeeds (ForceAliasCreation). */
export type AliasMoves = Array<{ from: UserRecord; attribute: 'email' | 'phone_number' }>;

/**
 * Refuses a new user whose sign-in names another user already answers to, before anything changes:
 * - a taken username, or a username equal to another user's sub (the admin operations accept a sub for
 *   a username, so it would name two users): UsernameExistsException with the operation's message;
 * - `UsernameAttributes`: an email / phone number another user holds: UsernameExistsException
 *   `An account with the given email already exists.` (the SignUp API reference; aws/aws-sdk-js#4308);
 * - `AliasAttributes`: a preferred_username another user holds or has as username, and (AdminCreateUser
 *   with `email_verified` / `phone_number_verified` "true") an email or phone number verified by
 *   another user: AliasExistsException, unless ForceAliasCreation moves the alias (the AdminCreateUser
 *   API reference); a username equal to another user's preferred_username: UsernameExistsException;
 * - neither (configured pools, which also find users by email): a username equal to another user's email,
 *   UsernameExistsException `An account with the given email already exists.` Cognito accepts that
 *   username there, but here it would stand in front of that user's email.
 * Returns the aliases to move once the user is added.
 */
export function checkNewIdentity(directory: Directory, pool: Pool, identity: NewIdentity, taken: string, forceAlias: boolean): AliasMoves {
  const { username, attributes } = identity;
  if (directory.userByUsername(pool, username) || directory.userBySub(pool, username)) throw new CognitoError('UsernameExistsException', taken);
  const usernameAttributes = pool.settings.UsernameAttributes ?? [];
  const aliases = pool.settings.AliasAttributes ?? [];
  if (usernameAttributes.length) {
    for (const attribute of usernameAttributes) {
      const value = attributes[attribute];
      if (value && directory.holders(pool, attribute, value).length) throw new CognitoError('UsernameExistsException', `An account with the given ${attribute} already exists.`);
    }
    return [];
  }
  if (aliases.length) {
    if (aliases.includes('preferred_username')) {
      if (directory.holders(pool, 'preferred_username', username).length) throw new CognitoError('UsernameExistsException', taken);
      checkPreferredUsername(directory, pool, null, attributes.preferred_username);
    }
    return verifiedAliasMoves(directory, pool, null, attributes, forceAlias);
  }
  if (directory.holders(pool, 'email', username).length) throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
  return [];
}

/**
 * Refuses attribute changes (UpdateUserAttributes, AdminUpdateUserAttributes) that would give `user` a
 * sign-in name another user answers to, with AliasExistsException `An account with the given <attribute>
 * already exists.`: with `UsernameAttributes`, an email / phone number another user holds
 * (aws/aws-sdk-net#4387); with `AliasAttributes`, a preferred_username another user holds or has as
 * username, or an email / phone number set verified that another user has verified.
 */
export function checkAttributeChanges(directory: Directory, pool: Pool, user: UserRecord, changes: Record<string, string>): void {
  const usernameAttributes = pool.settings.UsernameAttributes ?? [];
  for (const attribute of usernameAttributes) {
    const value = changes[attribute];
    if (value && directory.holders(pool, attribute, value).some((u) => u !== user)) {
      throw new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`);
    }
  }
  const aliases = pool.settings.AliasAttributes ?? [];
  if (!aliases.length) return;
  if (aliases.includes('preferred_username')) checkPreferredUsername(directory, pool, user, changes.preferred_username);
  const after = { ...user.attributes, ...changes };
  for (const attribute of ['email', 'phone_number'] as const) {
    // A changed value is unverified unless the change says otherwise (as the update applies it).
    if (changes[attribute] !== undefined && changes[attribute] !== user.attributes[attribute] && changes[`${attribute}_verified`] === undefined) after[`${attribute}_verified`] = 'false';
  }
  verifiedAliasMoves(directory, pool, user, after, false, changes);
}

/**
 * `user` verifies `attribute` (ConfirmSignUp, VerifyUserAttribute). Where it is an alias that another user
 * has verified: with `force` (ConfirmSignUp's ForceAliasCreation) the other user's value becomes
 * unverified, so the alias moves; otherwise AliasExistsException (the ConfirmSignUp API reference).
 * Call before changing anything.
 */
export function claimAlias(directory: Directory, pool: Pool, user: UserRecord, attribute: string | null, force: boolean): AliasMoves {
  if (attribute !== 'email' && attribute !== 'phone_number') return [];
  return verifiedAliasMoves(directory, pool, user, { ...user.attributes, [`${attribute}_verified`]: 'true' }, force, { [`${attribute}_verified`]: 'true' });
}

/** Applies {@link AliasMoves}: the previous holders' values become unverified. */
export function moveAliases(directory: Directory, pool: Pool, moves: AliasMoves): void {
  for (const { from, attribute } of moves) directory.setAttributes(pool, from, { [`${attribute}_verified`]: 'false' });
}

function checkPreferredUsername(directory: Directory, pool: Pool, user: UserRecord | null, value: string | undefined): void {
  if (!value) return;
  const other = directory.holders(pool, 'preferred_username', value).some((u) => u !== user);
  const named = directory.userByUsername(pool, value);
  if (other || (named && named !== user)) throw new CognitoError('AliasExistsException', 'An account with the given preferred_username already exists.');
}

/** For each email / phone_number alias that `attributes` has verified (and `changes`, if given, touches): who else has it verified. */
function verifiedAliasMoves(directory: Directory, pool: Pool, user: UserRecord | null, attributes: Record<string, string>, force: boolean, changes: Record<string, string> = attributes): AliasMoves {
  const moves: AliasMoves = [];
  for (const attribute of ['email', 'phone_number'] as const) {
    if (!pool.settings.AliasAttributes?.includes(attribute)) continue;
    const value = attributes[attribute];
    if (!value || attributes[`${attribute}_verified`] !== 'true') continue;
    if (changes[attribute] === undefined && changes[`${attribute}_verified`] === undefined) continue;
    for (const other of directory.holders(pool, attribute, value)) {
      if (other === user || other.attributes[`${attribute}_verified`] !== 'true') continue;
      if (!force) throw new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`);
      moves.push({ from: other, attribute });
    }
  }
  return moves;
}
