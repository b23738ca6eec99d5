import { CognitoError } from '../../cognito/errors.js';
import { validationError } from './input.js';

/**
 * Cognito's `QueryLimitType` (Limit, MaxResults: 0–60) as validation problems in its words,
 * e.g. `Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`.
 */
export function queryLimitProblems(at: string, value: number | undefined): string[] {
  if (value === undefined || (value >= 0 && value <= 60)) return [];
  return [`Value '${value}' at '${at}' failed to satisfy constraint: Member must have value ${value < 0 ? 'greater than or equal to 0' : 'less than or equal to 60'}`];
}

/** A pagination token's pattern (`[\S]+`, Cognito's SearchPaginationTokenType / PaginationKey). */
export function paginationTokenProblems(at: string, value: string | undefined): string[] {
  if (value === undefined || /^\S+$/.test(value)) return [];
  return [`Value '${value.slice(0, 60)}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+`];
}

/** Throws InvalidParameterException listing every problem, when there is any. */
export function refuse(problems: readonly string[]): void {
  if (problems.length) throw validationError(problems);
}

/**
 * For the lists that are always empty here (devices, auth events): no token was ever handed
 * out, so any token presented is not one of this server's.
 */
export function noPagesYet(token: string | undefined): void {
  if (token !== undefined) throw new CognitoError('InvalidParameterException', 'Invalid pagination token.');
}
