import { randomInt } from 'node:crypto';
import { CognitoError } from './errors.js';

/** Cognito's special characters for the "symbol" rule (a space counts, except at either end). */
const symbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

/**
 * Cognito's default password policy: at least 8 characters, with an upper-case
 * letter, a lower-case letter, a digit and a symbol. InvalidPasswordException
 * with Cognito's message for the first rule broken.
 */
export function checkPasswordPolicy(password: string): void {
  const broken =
    password.length < 8
      ? 'Password not long enough'
      : !/[A-Z]/.test(password)
        ? 'Password must have uppercase characters'
        : !/[a-z]/.test(password)
          ? 'Password must have lowercase characters'
          : !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : ![...password.trim()].some((c) => symbols.includes(c))
              ? 'Password must have symbol characters'
              : null;
  if (broken) throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken}`);
}

/** A temporary password that meets the policy (AdminCreateUser without TemporaryPassword). */
export function generatePassword(): string {
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');
  return `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ', 2)}${pick('abcdefghijkmnopqrstuvwxyz', 5)}-${pick('23456789', 4)}!`;
}
