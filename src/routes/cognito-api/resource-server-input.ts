import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import type { Directory } from '../../directory/directory.js';
import type { Pool, ResourceServer } from '../../directory/pool.js';
import { readInput, validationError } from './input.js';

// The botocore model's constraints (cognito-idp 2016-04-18): ResourceServerIdentifierType,
// ResourceServerNameType, ResourceServerScopeNameType (no '/'), ResourceServerScopeListType (≤ 100).
const identifierPattern = '[\\x21\\x23-\\x5B\\x5D-\\x7E]+';
const namePattern = '[\\w\\s+=,.@-]+';
const scopeNamePattern = '[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+';

/** `UserPoolId` and a checked `Identifier` (DescribeResourceServer, DeleteResourceServer). */
export function readIdentifier(body: Record<string, unknown>): { UserPoolId: string; Identifier: string } {
  const input = readInput(body, { UserPoolId: 'string', Identifier: 'string' });
  const problems = stringProblems('identifier', input.Identifier, identifierPattern);
  if (problems.length) throw validationError(problems);
  return input;
}

/** CreateResourceServer's and UpdateResourceServer's members, checked: the resource server they describe. */
export function readResourceServer(body: Record<string, unknown>): { UserPoolId: string; server: ResourceServer } {
  const input = readInput(body, { UserPoolId: 'string', Identifier: 'string', Name: 'string', Scopes: 'objectList?' });
  const scopes = input.Scopes ?? [];
  const problems = [...stringProblems('identifier', input.Identifier, identifierPattern), ...stringProblems('name', input.Name, namePattern)];
  if (scopes.length > 100) problems.push("Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to 100");
  scopes.forEach((scope, i) => {
    const at = `scopes.${i + 1}.member`;
    for (const [member, pattern] of [
      ['ScopeName', scopeNamePattern],
      ['ScopeDescription', undefined],
    ] as const) {
      const value = scope[member];
      const where = `${at}.${member[0]!.toLowerCase()}${member.slice(1)}`;
      if (value === undefined || value === null) problems.push(`Value null at '${where}' failed to satisfy constraint: Member must not be null`);
      else if (typeof value !== 'string') problems.push(`Value '${JSON.stringify(value)}' at '${where}' failed to satisfy constraint: Member must be a string`);
      else problems.push(...stringProblems(where, value, pattern));
    }
  });
  if (problems.length) throw validationError(problems);
  const names = scopes.map((s) => s.ScopeName as string);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new CognitoError('InvalidParameterException', `Scope ${repeated} is listed more than once.`);
  return {
    UserPoolId: input.UserPoolId,
    server: {
      identifier: input.Identifier,
      name: input.Name,
      scopes: scopes.map((s) => ({ ScopeName: s.ScopeName as string, ScopeDescription: s.ScopeDescription as string })),
    },
  };
}

/** The pool's resource server, or ResourceNotFoundException. */
export function existingResourceServer(directory: Directory, poolId: string, identifier: string): { pool: Pool; server: ResourceServer } {
  const pool = poolById(directory, poolId);
  const server = pool.resourceServers.find((rs) => rs.identifier === identifier);
  if (!server) throw new CognitoError('ResourceNotFoundException', `Resource server ${identifier} does not exist in user pool ${poolId}.`);
  return { pool, server };
}

/** Cognito's `ResourceServerType`. */
export function resourceServerType(pool: Pool, server: ResourceServer): object {
  return { UserPoolId: pool.id, Identifier: server.identifier, Name: server.name, Scopes: server.scopes.map((s) => ({ ...s })) };
}

/** Length 1–256 and, when given, the whole value matching `pattern`. */
function stringProblems(at: string, value: string, pattern: string | undefined): string[] {
  if (value.length < 1) return [`Value '${value}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to 1`];
  if (value.length > 256) return [`Value '${value.slice(0, 60)}…' at '${at}' failed to satisfy constraint: Member must have length less than or equal to 256`];
  if (pattern && !new RegExp(`^(?:${pattern})$`, 'u').test(value)) {
    return [`Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`];
  }
  return [];
}
