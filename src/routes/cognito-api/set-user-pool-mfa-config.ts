import { poolById } from '../../cognito/lookups.js';
import { poolMfaDescription } from '../../cognito/mfa.js';
import { checkMfaConfigAllowed, mfaConfigProblems } from '../../cognito/mfa-pool-config.js';
import { webAuthnConfigProblems } from '../../cognito/passkeys.js';
import type { PoolMfaConfig } from '../../directory/pool.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

const modes = ['OFF', 'ON', 'OPTIONAL'];

/**
 * `SetUserPoolMfaConfig`: the pool's MfaConfiguration (also UpdateUserPool's) and its MFA types.
 * SoftwareTokenMfaConfiguration.Enabled lets users sign in with an authenticator app, an
 * SmsMfaConfiguration with SMS codes (it needs an SmsConfiguration), an EmailMfaConfiguration with
 * emailed codes (it needs the Essentials tier and SES sending, {@link checkMfaConfigAllowed}); they are
 * checked against the botocore shapes and described as given, WebAuthnConfiguration too. Members left
 * out keep their values.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html
 */
export const setUserPoolMfaConfig =
  ({ directory, clock }: Pick<CognitoApiDeps, 'directory' | 'clock'>): Handler =>
  async (body) => {
    const input = readInput(body, {
      UserPoolId: 'string',
      MfaConfiguration: 'string?',
      SoftwareTokenMfaConfiguration: 'object?',
      SmsMfaConfiguration: 'object?',
      EmailMfaConfiguration: 'object?',
      WebAuthnConfiguration: 'object?',
    });
    const problems: string[] = [];
    if (input.MfaConfiguration !== undefined && !modes.includes(input.MfaConfiguration)) {
      problems.push(`Value '${input.MfaConfiguration.slice(0, 60)}' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [${modes.join(', ')}]`);
    }
    const software = input.SoftwareTokenMfaConfiguration;
    if (software && software.Enabled !== undefined && typeof software.Enabled !== 'boolean') {
      problems.push(`Value at 'softwareTokenMfaConfiguration.enabled' failed to satisfy constraint: Member must be a boolean`);
    }
    problems.push(...mfaConfigProblems(input), ...webAuthnConfigProblems(input.WebAuthnConfiguration));
    if (problems.length) throw validationError(problems);
    const pool = poolById(directory, input.UserPoolId);
    checkMfaConfigAllowed(pool, input);
    const config: PoolMfaConfig = structuredClone(pool.mfaConfig ?? {});
    if (software) config.SoftwareTokenMfaConfiguration = { Enabled: software.Enabled === true };
    for (const member of ['SmsMfaConfiguration', 'EmailMfaConfiguration', 'WebAuthnConfiguration'] as const) {
      if (input[member]) config[member] = structuredClone(input[member]);
    }
    pool.mfaConfig = config;
    if (input.MfaConfiguration !== undefined) pool.settings.MfaConfiguration = input.MfaConfiguration as 'OFF' | 'ON' | 'OPTIONAL';
    pool.modifiedAt = clock.now();
    return poolMfaDescription(pool);
  };
