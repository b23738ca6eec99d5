import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/** Cognito's special characters for the "symbol" rule (a space counts, except at either end). */
const symbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

/**
 * The pool's password policy (`Policies.PasswordPolicy`): MinimumLength and the
 * RequireUppercase / RequireLowercase / RequireNumbers / RequireSymbols rules.
 * InvalidPasswordException with Cognito's message for the first rule broken, in
 * Cognito's order (length, upper, lower, digit, symbol).
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html
 */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const broken =
    password.length < policy.MinimumLength
      ? 'Password not long enough'
      : policy.RequireUppercase && !/[A-Z]/.test(password)
        ? 'Password must have uppercase characters'
        : policy.RequireLowercase && !/[a-z]/.test(password)
          ? 'Password must have lowercase characters'
          : policy.RequireNumbers && !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : policy.RequireSymbols && ![...password.trim()].some((c) => symbols.includes(c))
              ? 'Password must have symbol characters'
              : null;
  if (broken) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken}`);
}

/**
 * A temporary password (AdminCreateUser without TemporaryPassword) that meets the policy: two
 * upper-case letters, lower-case letters, a dash, four digits and `!`, padded with lower-case
 * letters up to MinimumLength. Every class is present whatever the policy asks for.
 */
export function generatePassword(policy: PasswordPolicy): string {
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');
  const lower = 'abcdefghijkmnopqrstuvwxyz';
  const core = `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 2)}${pick(lower, 5)}-${pick('23456789', 4)}!`;
  return core + pick(lower, Math.max(0, policy.MinimumLength - core.length));
}
