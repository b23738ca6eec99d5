import { createHash } from 'node:crypto';
import type { Directory } from '../directory/directory.js';
import type { Pool, PoolDomain } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/** A prefix domain, and each label of a custom domain (the `DomainType` pattern of the botocore model). */
export const domainPrefixPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Cognito refuses prefixes containing these words. */
const reservedWords = ['aws', 'amazon', 'cognito'];

/** The account id DescribeUserPoolDomain reports: mock-idp has no AWS account. */
export const mockAccountId = '000000000000';

/**
 * Throws InvalidParameterException, in Cognito's words, unless `domain` is a valid
 * prefix (no `CustomDomainConfig`) or a fully qualified custom domain name.
 */
export function checkDomainName(domain: string, custom: boolean): void {
  const labels = custom ? domain.split('.') : [domain];
  if ((custom && labels.length < 2) || !labels.every((label) => domainPrefixPattern.test(label))) {
    throw new CognitoError(
      'InvalidParameterException',
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
    );
  }
  const reserved = custom ? undefined : reservedWords.find((word) => domain.includes(word));
  if (reserved !== undefined) throw new CognitoError('InvalidParameterException', `Domain cannot contain reserved word: ${reserved}`);
}

/** The pool whose domain this is, in any region (prefixes are unique per region in Cognito; here, per server). */
export function poolOfDomain(directory: Directory, domain: string): Pool | undefined {
  return directory.pools().find((p) => p.domain?.domain === domain);
}

/** The pool's domain when it is `domain`; InvalidParameterException `No such domain or user pool exists.` otherwise. */
export function ownDomain(pool: Pool, domain: string): PoolDomain {
  if (pool.domain?.domain !== domain) throw new CognitoError('InvalidParameterException', 'No such domain or user pool exists.');
  return pool.domain;
}

/**
 * The CloudFront distribution a custom domain's DNS should alias: a stable,
 * made-up `d….cloudfront.net` name (nothing is deployed).
 */
export function cloudFrontDomain(domain: string): string {
  return `d${createHash('sha256').update(domain).digest('hex').slice(0, 13)}.cloudfront.net`;
}

/** DescribeUserPoolDomain's `DomainDescription` (Cognito's `DomainDescriptionType`). */
export function domainDescription(pool: Pool, domain: PoolDomain): Record<string, unknown> {
  return {
    UserPoolId: pool.id,
    AWSAccountId: mockAccountId,
    Domain: domain.domain,
    S3Bucket: `aws-cognito-prod-${pool.region}-assets`,
    CloudFrontDistribution: cloudFrontDomain(domain.domain),
    Version: versionOf(domain.createdAt),
    Status: 'ACTIVE',
    ...(domain.customDomainConfig ? { CustomDomainConfig: domain.customDomainConfig } : {}),
    ManagedLoginVersion: domain.managedLoginVersion ?? 1,
    ...(domain.routing ? { Routing: domain.routing } : {}),
  };
}

/** `yyyyMMddHHmmss` (UTC) of epoch milliseconds: the domain's deployment version. */
function versionOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
