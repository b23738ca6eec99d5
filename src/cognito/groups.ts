import type { UserRecord } from '../config/types.js';
import type { Group, Pool } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/** Cognito's `GroupType`, as CreateGroup, GetGroup, UpdateGroup, ListGroups and AdminListGroupsForUser return it. */
export interface GroupType {
  GroupName: string;
  UserPoolId: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  /** Epoch seconds. */
  LastModifiedDate: number;
  CreationDate: number;
}

export function groupType(pool: Pool, group: Group): GroupType {
  return {
    GroupName: group.name,
    UserPoolId: pool.id,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: group.modifiedAt / 1000,
    CreationDate: group.createdAt / 1000,
  };
}

/**
 * Where each group sits in its pool's `groups` array, by name. Tokens look their user's
 * groups up here, so minting stays O(the user's groups) however many groups the pool has.
 * The model stays plain JSON: the index lives beside it, keyed by the array, and is rebuilt
 * whenever it misses or points at a group of another name (after a delete).
 */
const indexes = new WeakMap<readonly Group[], Map<string, number>>();

/** The pool's group with this (case-sensitive) name, or undefined. */
export function findGroup(pool: Pool, name: string): Group | undefined {
  const groups = pool.groups;
  let index = indexes.get(groups);
  const at = index?.get(name);
  if (at !== undefined && groups[at]?.name === name) return groups[at];
  // A miss or a stale entry: rebuild (O(groups); tokens only look up groups that exist, so it is the control plane that pays).
  index = new Map(groups.map((g, i) => [g.name, i]));
  indexes.set(groups, index);
  const found = index.get(name);
  return found === undefined ? undefined : groups[found];
}

/** The group, for the operations that name one: ResourceNotFoundException `Group not found.` otherwise. */
export function existingGroup(pool: Pool, name: string): Group {
  const group = findGroup(pool, name);
  if (!group) throw new CognitoError('ResourceNotFoundException', 'Group not found.');
  return group;
}

/** The group members CreateGroup and UpdateGroup take, as given (each optional but the name). */
export interface GroupMembers {
  GroupName: string;
  Description?: unknown;
  RoleArn?: string | undefined;
  Precedence?: number | undefined;
}

// The botocore model's GroupNameType and ArnType patterns, anchored (AWS matches the whole value).
const groupNamePattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const arnPattern = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
const maxPrecedence = 2 ** 31 - 1;

/**
 * Cognito's constraints on a group's members (GroupNameType, DescriptionType, ArnType,
 * PrecedenceType in the botocore model), as validation problems for `validationError`.
 */
export function groupMemberProblems(m: GroupMembers): string[] {
  const problems: string[] = [];
  const at = (value: unknown, member: string, constraint: string) => {
    const text = String(value);
    problems.push(`Value '${text.length > 60 ? `${text.slice(0, 60)}…` : text}' at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  };
  if (m.GroupName.length > 128) at(m.GroupName, 'groupName', 'have length less than or equal to 128');
  if (!groupNamePattern.test(m.GroupName)) at(m.GroupName, 'groupName', 'satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+');
  if (m.Description !== undefined && m.Description !== null) {
    if (typeof m.Description !== 'string') at(JSON.stringify(m.Description), 'description', 'be a string');
    else if (m.Description.length > 2048) at(m.Description, 'description', 'have length less than or equal to 2048');
  }
  if (m.RoleArn !== undefined) {
    if (m.RoleArn.length < 20) at(m.RoleArn, 'roleArn', 'have length greater than or equal to 20');
    if (m.RoleArn.length > 2048) at(m.RoleArn, 'roleArn', 'have length less than or equal to 2048');
    if (!arnPattern.test(m.RoleArn)) at(m.RoleArn, 'roleArn', `satisfy regular expression pattern: ${arnPattern.source.slice(1, -1)}`);
  }
  if (m.Precedence !== undefined) {
    if (m.Precedence < 0) at(m.Precedence, 'precedence', 'have value greater than or equal to 0');
    if (m.Precedence > maxPrecedence) at(m.Precedence, 'precedence', `have value less than or equal to ${maxPrecedence}`);
  }
  return problems;
}

/**
 * Lower Precedence first, groups without one last; equal ones keep their order (Array.prototype.sort
 * is stable). "Zero is the highest precedence value. Groups with lower Precedence values take precedence
 * over groups with higher or null Precedence values" (the Precedence member of
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html).
 */
export function byPrecedence(a: Group, b: Group): number {
  return (a.precedence ?? Infinity) - (b.precedence ?? Infinity) || 0;
}

/** The user's groups, most precedent first (names without a group, which the API never leaves, count as groups without precedence). */
export function groupsOf(pool: Pool, user: UserRecord): Group[] {
  return user.groups.map((name) => findGroup(pool, name) ?? { name, createdAt: 0, modifiedAt: 0 }).sort(byPrecedence);
}
