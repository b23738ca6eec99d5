import { checkDomainName, cloudFrontDomain, poolOfDomain } from '../../cognito/domains.js';
import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { readDomainInput } from './domain-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `CreateUserPoolDomain`: a prefix domain, or a custom domain with
 * `CustomDomainConfig`, for a pool that has none. A prefix another pool holds is
 * `Domain already associated with another user pool.`. Only a custom domain's
 * answer has a `CloudFrontDomain` (API_CreateUserPoolDomain.html).
 */
export const createUserPoolDomain =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readDomainInput(body);
    const pool = poolById(directory, input.UserPoolId);
    checkDomainName(input.Domain, input.customDomainConfig !== undefined);
    if (pool.domain) throw new CognitoError('InvalidParameterException', 'User pool already has a domain configured.');
    if (poolOfDomain(directory, input.Domain)) throw new CognitoError('InvalidParameterException', 'Domain already associated with another user pool.');
    const managedLoginVersion = input.ManagedLoginVersion ?? 1;
    pool.domain = {
      domain: input.Domain,
      ...(input.customDomainConfig ? { customDomainConfig: input.customDomainConfig } : {}),
      managedLoginVersion,
      ...(input.Routing ? { routing: input.Routing } : {}),
      createdAt: clock.now(),
    };
    return {
      ...(input.customDomainConfig ? { CloudFrontDomain: cloudFrontDomain(input.Domain) } : {}),
      ManagedLoginVersion: managedLoginVersion,
      ...(input.Routing ? { Routing: input.Routing } : {}),
    };
  };
