import { AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, GetUserPoolMfaConfigCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { localPool, sdkError, startCognito } from '../helpers/cognito.js';
import { smsMfaConfiguration } from '../helpers/message-mfa.js';

t.test('SetUserPoolMfaConfig SmsMfaConfiguration: described as given, checked as the botocore model shapes it', async (t) => {
  const { cognito } = await startCognito(t);
  const bad = [
    { SmsAuthenticationMessage: 'No placeholder here', SmsConfiguration: smsMfaConfiguration.SmsConfiguration },
    { SmsAuthenticationMessage: `{####}${'x'.repeat(140)}`, SmsConfiguration: smsMfaConfiguration.SmsConfiguration },
    { SmsConfiguration: { SnsCallerArn: 'not-an-arn-but-long-enough' } },
    { SmsConfiguration: { ExternalId: 'x' } },
  ];
  for (const SmsMfaConfiguration of bad) {
    const failed = await sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: SmsMfaConfiguration })));
    t.match(failed, { name: 'InvalidParameterException', message: /validation error.*smsMfaConfiguration/ }, JSON.stringify(SmsMfaConfiguration));
  }
  const noRole = await sdkError(
    cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' } })),
  );
  t.match(noRole, { name: 'InvalidParameterException' }, 'SMS MFA needs an SmsConfiguration');
  const after = await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool }));
  t.match(after, { MfaConfiguration: 'OFF' }, 'nothing changed');
  t.equal(after.SmsMfaConfiguration, undefined);

  const set = await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: localPool, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: smsMfaConfiguration }));
  t.match(set, { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: smsMfaConfiguration });
  t.match(await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool })), { SmsMfaConfiguration: smsMfaConfiguration });
});

t.test('AdminSetUserMFAPreference: SMS needs a phone_number, one preferred type, booleans; nothing changes on error', async (t) => {
  const { cognito } = await startCognito(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'nophone', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'nophone@example.com' }] }));
  const noPhone = await sdkError(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'nophone', SMSMfaSettings: { Enabled: true } })));
  t.match(noPhone, { name: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SMS_MFA' });

  const twoPreferred = await sdkError(
    cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'alice', SMSMfaSettings: { PreferredMfa: true }, EmailMfaSettings: { PreferredMfa: true } })),
  );
  t.match(twoPreferred, { name: 'InvalidParameterException' });
  const notBoolean = await sdkError(cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'alice', SMSMfaSettings: { Enabled: 'yes' as never } })));
  t.match(notBoolean, { name: 'InvalidParameterException', message: /sMSMfaSettings\.enabled/ });
  const withTotp = await sdkError(
    cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'alice', SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true } })),
  );
  t.match(withTotp, { name: 'InvalidParameterException', message: 'User has not verified software token mfa' }, 'SMS is not turned on when TOTP in the same call is refused');
  t.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' }))).UserMFASettingList, undefined, 'nothing changed');

  await cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: localPool, Username: 'alice', SMSMfaSettings: { PreferredMfa: true } }));
  t.match(await cognito.send(new AdminGetUserCommand({ UserPoolId: localPool, Username: 'alice' })), { UserMFASettingList: ['SMS_MFA'], PreferredMfaSetting: 'SMS_MFA' }, 'PreferredMfa turns it on');
});
