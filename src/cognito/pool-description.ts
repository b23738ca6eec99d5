import { randomInt } from 'node:crypto';
import type { Pool } from '../directory/pool.js';
import { configuredIssuerConfiguration } from './issuer-configuration.js';

/** The account id in the ARNs mock-idp makes (LocalStack and moto use the same). */
export const accountId = '000000000000';

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new pool id, `{region}_{9 alphanumerics}` as Cognito makes them, unused by `taken`. */
export function newPoolId(region: string, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `${region}_${Array.from({ length: 9 }, () => alphanumerics[randomInt(alphanumerics.length)]).join('')}`;
    if (!taken(id)) return id;
  }
}

/** `arn:aws:cognito-idp:{region}:000000000000:userpool/{id}`. */
export function poolArn(pool: Pick<Pool, 'id' | 'region'>): string {
  return `arn:aws:cognito-idp:${pool.region}:${accountId}:userpool/${pool.id}`;
}

/** The pool id a user pool ARN names, or undefined when it names none. */
export function poolIdOfArn(arn: string): string | undefined {
  return /^arn:aws:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/([\w-]+_[0-9a-zA-Z]+)$/.exec(arn)?.[1];
}

/** Epoch milliseconds as the JSON API's dates: epoch seconds. */
const seconds = (ms: number) => ms / 1000;

/**
 * Cognito's `UserPoolType` (DescribeUserPool, CreateUserPool, UpdateUserPool's effect): the pool's
 * identity and dates, its settings under Cognito's names, and its domain when it has one.
 */
export function userPoolType(pool: Pool): Record<string, unknown> {
  const { SchemaAttributes, ...settings } = pool.settings;
  const domain = pool.domain;
  const issuer = configuredIssuerConfiguration(pool);
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(pool),
    CreationDate: seconds(pool.createdAt),
    LastModifiedDate: seconds(pool.modifiedAt),
    EstimatedNumberOfUsers: pool.users.length,
    ...structuredClone(settings),
    ...(issuer ? { IssuerConfiguration: issuer } : {}),
    SchemaAttributes: structuredClone(SchemaAttributes),
    ...(domain ? (domain.customDomainConfig ? { CustomDomain: domain.domain } : { Domain: domain.domain }) : {}),
  };
}

/** Cognito's `UserPoolDescriptionType` (ListUserPools). */
export function userPoolDescription(pool: Pool): Record<string, unknown> {
  return {
    Id: pool.id,
    Name: pool.name,
    LambdaConfig: structuredClone(pool.settings.LambdaConfig),
    LastModifiedDate: seconds(pool.modifiedAt),
    CreationDate: seconds(pool.createdAt),
  };
}
