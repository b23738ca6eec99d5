import type { IssuerStyle } from '../config/types.js';
import type { Pool } from '../directory/pool.js';

/**
 * A pool's own issuer form, if it has one: Cognito's `IssuerConfiguration.Type` given to CreateUserPool or
 * UpdateUserPool (ORIGINAL is `cognito`, UPDATED `cognito-updated`), else the config file's `issuerStyle`
 * for the pool. Undefined: the server's `issuerStyle`. The forms follow the API reference's
 * IssuerConfigurationType (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html).
 */
export function poolIssuerStyle(pool: Pick<Pool, 'settings' | 'issuerStyle'>): IssuerStyle | undefined {
  const type = (pool.settings.IssuerConfiguration as { Type?: unknown } | undefined)?.Type;
  if (type === 'UPDATED') return 'cognito-updated';
  if (type === 'ORIGINAL') return 'cognito';
  return pool.issuerStyle;
}

/** `IssuerConfiguration` as DescribeUserPool shows it for a pool whose config file chose a Cognito form. */
export function configuredIssuerConfiguration(pool: Pick<Pool, 'settings' | 'issuerStyle'>): { Type: 'ORIGINAL' | 'UPDATED' } | undefined {
  if (pool.settings.IssuerConfiguration !== undefined) return undefined;
  if (pool.issuerStyle === 'cognito') return { Type: 'ORIGINAL' };
  if (pool.issuerStyle === 'cognito-updated') return { Type: 'UPDATED' };
  return undefined;
}

/** CreateUserPool / UpdateUserPool: `IssuerConfiguration.Type` must be ORIGINAL or UPDATED (botocore's IssuerConfigurationType). */
export function issuerConfigurationProblems(body: Record<string, unknown>): string[] {
  const given = body.IssuerConfiguration;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return [];
  const type = (given as Record<string, unknown>).Type;
  if (type === undefined || type === null || type === 'ORIGINAL' || type === 'UPDATED') return [];
  return [`Value '${String(type).slice(0, 60)}' at 'issuerConfiguration.type' failed to satisfy constraint: Member must satisfy enum value set: [ORIGINAL, UPDATED]`];
}
