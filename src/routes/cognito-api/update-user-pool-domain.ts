import { cloudFrontDomain, ownDomain } from '../../cognito/domains.js';
import { CognitoError } from '../../cognito/errors.js';
import { poolById } from '../../cognito/lookups.js';
import { readDomainInput } from './domain-input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `UpdateUserPoolDomain`: a custom domain's certificate and the managed login
 * version (members left out stay as they are). The domain itself cannot change:
 * naming another one is `No such domain or user pool exists.`.
 */
export const updateUserPoolDomain =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readDomainInput(body);
    const domain = ownDomain(poolById(directory, input.UserPoolId), input.Domain);
    if (input.customDomainConfig && !domain.customDomainConfig) {
      throw new CognitoError('InvalidParameterException', `${input.Domain} is a prefix domain: CustomDomainConfig applies to custom domains only.`);
    }
    if (input.customDomainConfig) domain.customDomainConfig = input.customDomainConfig;
    if (input.ManagedLoginVersion !== undefined) domain.managedLoginVersion = input.ManagedLoginVersion;
    if (input.Routing) domain.routing = input.Routing;
    return {
      ...(domain.customDomainConfig ? { CloudFrontDomain: cloudFrontDomain(domain.domain) } : {}),
      ManagedLoginVersion: domain.managedLoginVersion ?? 1,
      ...(domain.routing ? { Routing: domain.routing } : {}),
    };
  };
