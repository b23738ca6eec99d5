import { CognitoError } from '../../cognito/errors.js';
import type { PoolDomain } from '../../directory/pool.js';
import { readInput, validationError } from './input.js';

const arnPattern = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
const securityPolicies = ['TLS_V1', 'TLS_V1_2_2021', 'TLS_V1_3_2025'];

/** The members CreateUserPoolDomain and UpdateUserPoolDomain share, checked (the botocore model's constraints). */
export function readDomainInput(body: Record<string, unknown>) {
  const input = readInput(body, { UserPoolId: 'string', Domain: 'string', CustomDomainConfig: 'object?', ManagedLoginVersion: 'integer?', Routing: 'object?' });
  const problems: string[] = [];
  if (input.Domain.length > 63) problems.push(`Value '${input.Domain}' at 'domain' failed to satisfy constraint: Member must have length less than or equal to 63`);
  const custom = input.CustomDomainConfig;
  if (custom) {
    const { CertificateArn: arn, SecurityPolicy: policy } = custom;
    if (arn === undefined || arn === null) problems.push("Value null at 'customDomainConfig.certificateArn' failed to satisfy constraint: Member must not be null");
    else if (typeof arn !== 'string' || arn.length < 20 || arn.length > 2048 || !arnPattern.test(arn)) {
      problems.push(`Value '${String(arn)}' at 'customDomainConfig.certificateArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${arnPattern.source.slice(1, -1)}`);
    }
    if (policy !== undefined && (typeof policy !== 'string' || !securityPolicies.includes(policy))) {
      problems.push(`Value '${String(policy)}' at 'customDomainConfig.securityPolicy' failed to satisfy constraint: Member must satisfy enum value set: [${securityPolicies.join(', ')}]`);
    }
  }
  if (problems.length) throw validationError(problems);
  if (input.ManagedLoginVersion !== undefined && input.ManagedLoginVersion !== 1 && input.ManagedLoginVersion !== 2) {
    // Version 1 is the classic hosted UI, 2 managed login (API_CreateUserPoolDomain.html).
    throw new CognitoError('InvalidParameterException', `ManagedLoginVersion must be 1 or 2 (got ${input.ManagedLoginVersion}).`);
  }
  const customDomainConfig: PoolDomain['customDomainConfig'] = custom
    ? { CertificateArn: custom.CertificateArn as string, ...(custom.SecurityPolicy !== undefined ? { SecurityPolicy: custom.SecurityPolicy as string } : {}) }
    : undefined;
  return { ...input, customDomainConfig };
}
