import type { Pool } from '../directory/pool.js';
import type { PoolConfig } from '../config/types.js';
import { CognitoError } from './errors.js';

/** SnsCallerArn (ArnType) as the botocore model gives it. */
const arnPattern = /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/;
/** EmailMfaSubjectType. */
const subjectPattern = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\s]+$/u;

/**
 * The shape problems of SetUserPoolMfaConfig's SmsMfaConfiguration and EmailMfaConfiguration, as the
 * botocore model (cognito-idp 2016-04-18: SmsMfaConfigType, SmsConfigurationType, EmailMfaConfigType)
 * constrains them, in Cognito's validation-message form (empty when they are well formed).
 */
export function mfaConfigProblems(input: { SmsMfaConfiguration?: Record<string, unknown>; EmailMfaConfiguration?: Record<string, unknown> }): string[] {
  const problems: string[] = [];
  const sms = input.SmsMfaConfiguration;
  if (sms) {
    template(problems, 'smsMfaConfiguration.smsAuthenticationMessage', sms.SmsAuthenticationMessage, 140);
    const config = sms.SmsConfiguration;
    if (config !== undefined) {
      if (typeof config !== 'object' || config === null || Array.isArray(config))
        problems.push(`Value at 'smsMfaConfiguration.smsConfiguration' failed to satisfy constraint: Member must be a structure`);
      else smsConfigurationProblems(problems, config as Record<string, unknown>);
    }
  }
  const email = input.EmailMfaConfiguration;
  if (email) {
    template(problems, 'emailMfaConfiguration.message', email.Message, 20_000);
    const subject = email.Subject;
    if (subject !== undefined) {
      if (typeof subject !== 'string') problems.push(`Value at 'emailMfaConfiguration.subject' failed to satisfy constraint: Member must be a string`);
      else if (subject.length < 1 || subject.length > 140)
        problems.push(`Value '${subject.slice(0, 60)}' at 'emailMfaConfiguration.subject' failed to satisfy constraint: Member must have length between 1 and 140`);
      else if (!subjectPattern.test(subject)) {
        problems.push(
          `Value '${subject.slice(0, 60)}' at 'emailMfaConfiguration.subject' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+`,
        );
      }
    }
  }
  return problems;
}

/**
 * What Cognito requires of the pool before it takes the SMS or email MFA configuration; throws its
 * exception, changing nothing:
 * - SMS MFA needs an SmsConfiguration (the SNS role Cognito texts with), in the request or the pool's
 *   (API_SmsMfaConfigType.html; CreateUserPool answers InvalidParameterException "SMS configuration … are
 *   required when MFA is required/optional" without one, seen in aws/aws-cdk#32615).
 * - Email MFA needs the Essentials tier or higher (API_EmailMfaConfigType.html:
 *   FeatureUnavailableInTierException) and the pool sending email with Amazon SES in its own account,
 *   `EmailConfiguration.EmailSendingAccount: DEVELOPER` (developer guide,
 *   https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html).
 * The messages are mock-idp's wording.
 */
export function checkMfaConfigAllowed(pool: Pool, input: { SmsMfaConfiguration?: Record<string, unknown>; EmailMfaConfiguration?: Record<string, unknown> }): void {
  if (input.SmsMfaConfiguration && !input.SmsMfaConfiguration.SmsConfiguration && !pool.settings.SmsConfiguration) {
    throw new CognitoError('InvalidParameterException', 'SMS configuration is required to turn on SMS MFA: give SmsMfaConfiguration.SmsConfiguration or set the user pool SmsConfiguration.');
  }
  if (input.EmailMfaConfiguration) {
    if (pool.settings.UserPoolTier === 'LITE') {
      throw new CognitoError('FeatureUnavailableInTierException', 'Email MFA is not available in the LITE tier: the user pool must be in the Essentials tier or higher.');
    }
    const sending = (pool.settings.EmailConfiguration as { EmailSendingAccount?: unknown } | undefined)?.EmailSendingAccount;
    if (sending !== 'DEVELOPER') {
      throw new CognitoError(
        'InvalidParameterException',
        'Email MFA requires the user pool to send email with Amazon SES: set EmailConfiguration.EmailSendingAccount to DEVELOPER (with a SourceArn) first.',
      );
    }
  }
}

/** A message template member: optional; a string of 6 to `max` characters containing `{####}`. */
function template(problems: string[], at: string, value: unknown, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') problems.push(`Value at '${at}' failed to satisfy constraint: Member must be a string`);
  else if (value.length < 6 || value.length > max) problems.push(`Value '${value.slice(0, 60)}' at '${at}' failed to satisfy constraint: Member must have length between 6 and ${max}`);
  else if (!value.includes('{####}')) problems.push(`Value '${value.slice(0, 60)}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*`);
}

/** SmsConfigurationType: SnsCallerArn (required, an ARN of 20–2048 characters), ExternalId and SnsRegion strings. */
function smsConfigurationProblems(problems: string[], config: Record<string, unknown>): void {
  const at = 'smsMfaConfiguration.smsConfiguration';
  const arn = config.SnsCallerArn;
  if (arn === undefined || arn === null) problems.push(`Value null at '${at}.snsCallerArn' failed to satisfy constraint: Member must not be null`);
  else if (typeof arn !== 'string') problems.push(`Value at '${at}.snsCallerArn' failed to satisfy constraint: Member must be a string`);
  else if (arn.length < 20 || arn.length > 2048) problems.push(`Value '${arn.slice(0, 60)}' at '${at}.snsCallerArn' failed to satisfy constraint: Member must have length between 20 and 2048`);
  else if (!arnPattern.test(arn))
    problems.push(`Value '${arn.slice(0, 60)}' at '${at}.snsCallerArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ${arnPattern.source.slice(1, -1)}`);
  for (const member of ['ExternalId', 'SnsRegion'] as const) {
    if (config[member] !== undefined && typeof config[member] !== 'string') {
      problems.push(`Value at '${at}.${member[0]!.toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must be a string`);
    }
  }
}

/**
 * A configured pool's SMS and email MFA (the config file's `smsMfaConfiguration`, `emailMfaConfiguration`
 * and `emailConfiguration`), checked as SetUserPoolMfaConfig checks them ({@link mfaConfigProblems},
 * {@link checkMfaConfigAllowed}): the first problem in words, or undefined. The schema already requires
 * an SmsConfiguration with SMS MFA (the config file gives a pool no other).
 */
export function configuredMfaProblem(p: Pick<PoolConfig, 'smsMfaConfiguration' | 'emailMfaConfiguration' | 'emailConfiguration'>): string | undefined {
  const problem = mfaConfigProblems({ SmsMfaConfiguration: p.smsMfaConfiguration, EmailMfaConfiguration: p.emailMfaConfiguration })[0];
  if (problem) return problem;
  if (p.emailMfaConfiguration && p.emailConfiguration?.EmailSendingAccount !== 'DEVELOPER') {
    return 'emailMfaConfiguration needs emailConfiguration.EmailSendingAccount "DEVELOPER" (email MFA is sent with Amazon SES in your account, as SetUserPoolMfaConfig requires)';
  }
  if (p.emailConfiguration?.EmailSendingAccount === 'DEVELOPER' && !p.emailConfiguration.SourceArn) return 'emailConfiguration.SourceArn is required with EmailSendingAccount "DEVELOPER"';
  return undefined;
}
