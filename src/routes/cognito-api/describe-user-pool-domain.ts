import { domainDescription, poolOfDomain } from '../../cognito/domains.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/**
 * `DescribeUserPoolDomain`: the domain's pool, status `ACTIVE` at once, and its
 * settings. A domain no pool holds is not an error: Cognito answers
 * `{"DomainDescription": {}}`, which is how clients (the Terraform AWS provider,
 * the Amplify CLI) tell that it is gone.
 */
export const describeUserPoolDomain =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { Domain } = readInput(body, { Domain: 'string' });
    if (Domain.length > 63) throw validationError([`Value '${Domain}' at 'domain' failed to satisfy constraint: Member must have length less than or equal to 63`]);
    const pool = poolOfDomain(directory, Domain);
    return { DomainDescription: pool?.domain ? domainDescription(pool, pool.domain) : {} };
  };
