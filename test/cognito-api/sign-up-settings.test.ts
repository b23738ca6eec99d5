import { AdminCreateUserCommand, AdminGetUserCommand, ConfirmSignUpCommand, ResendConfirmationCodeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError, startCognito } from '../helpers/cognito.js';
import { codesOf, poolWith, signUpTo } from '../helpers/settings-pool.js';

const contact = [
  { Name: 'email', Value: 'jo@example.com' },
  { Name: 'phone_number', Value: '+15559876543' },
];

const verified = async (cognito: Parameters<typeof signUpTo>[0], UserPoolId: string, Username: string) => {
  const { UserAttributes = [] } = await cognito.send(new AdminGetUserCommand({ UserPoolId, Username }));
  return Object.fromEntries(UserAttributes.filter((a) => a.Name!.endsWith('_verified')).map((a) => [a.Name, a.Value]));
};

t.test('AutoVerifiedAttributes [email]: the code goes to the email and ConfirmSignUp verifies it', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito, { AutoVerifiedAttributes: ['email'] });
  const out = await signUpTo(cognito, clientId, 'jo', contact);
  t.same(out.CodeDeliveryDetails, { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'j***@e***' });
  const [code] = await codesOf(idp, poolId, 'jo');
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jo', ConfirmationCode: code!.code }));
  t.same(await verified(cognito, poolId, 'jo'), { email_verified: 'true', phone_number_verified: 'false' });
});

t.test('AutoVerifiedAttributes [email, phone_number]: Cognito verifies the phone number only', async (t) => {
  const { cognito } = await startCognito(t);
  const { clientId } = await poolWith(cognito, { AutoVerifiedAttributes: ['email', 'phone_number'] });
  const out = await signUpTo(cognito, clientId, 'jo', contact);
  t.match(out.CodeDeliveryDetails, { AttributeName: 'phone_number', DeliveryMedium: 'SMS', Destination: '+*******6543' });
  const resent = await cognito.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'jo' }));
  t.match(resent.CodeDeliveryDetails, { AttributeName: 'phone_number' });
});

t.test('no AutoVerifiedAttributes: no CodeDeliveryDetails, and confirming verifies nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito);
  const out = await signUpTo(cognito, clientId, 'jo', contact);
  t.notOk('CodeDeliveryDetails' in out && out.CodeDeliveryDetails, 'nothing is delivered');
  const [code] = await codesOf(idp, poolId, 'jo');
  t.equal(code!.attributeName, null);
  await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'jo', ConfirmationCode: code!.code }));
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'jo' }));
  t.equal(user.UserStatus, 'CONFIRMED');
  t.same(await verified(cognito, poolId, 'jo'), { email_verified: 'false', phone_number_verified: 'false' });
});

t.test('AllowAdminCreateUserOnly: SignUp is refused, AdminCreateUser works', async (t) => {
  const { cognito } = await startCognito(t);
  const { poolId, clientId } = await poolWith(cognito, { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
  t.match(await sdkError(signUpTo(cognito, clientId, 'kim', contact)), { name: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool', status: 400 });
  t.match(await sdkError(cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'kim' }))), { name: 'UserNotFoundException' });
  t.match(await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'kim' })), { User: { Username: 'kim', UserStatus: 'FORCE_CHANGE_PASSWORD' } });
});
