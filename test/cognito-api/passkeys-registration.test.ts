import {
  AdminGetUserAuthFactorsCommand,
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolClientCommand,
  DeleteWebAuthnCredentialCommand,
  GetUserAuthFactorsCommand,
  ListWebAuthnCredentialsCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError, startCognito } from '../helpers/cognito.js';
import { passkeyPool, passwordSignIn, registerPasskey, startRegistration } from '../helpers/passkeys.js';
import { SoftwareAuthenticator } from '../helpers/software-authenticator.js';
import { dora, userAuthPool } from '../helpers/user-auth.js';

t.test('StartWebAuthnRegistration → CredentialCreationOptions; CompleteWebAuthnRegistration stores the passkey', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { accessToken } = await passkeyPool(cognito);
  const options = await startRegistration(cognito, accessToken);
  t.match(options, {
    challenge: /^[A-Za-z0-9_-]{43}$/,
    rp: { id: 'localhost', name: 'choices' },
    user: { name: dora.username },
    pubKeyCredParams: [
      { type: 'public-key', alg: -7 },
      { type: 'public-key', alg: -257 },
    ],
    timeout: 180000,
    excludeCredentials: [],
    authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
  });

  const authenticator = new SoftwareAuthenticator();
  const done = await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.create(options) as never }));
  t.same(
    Object.keys(done).filter((k) => k !== '$metadata'),
    [],
  );

  const { Credentials, NextToken } = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
  t.equal(NextToken, undefined);
  t.equal(Credentials!.length, 1);
  t.match(Credentials![0], {
    CredentialId: authenticator.id,
    FriendlyCredentialName: 'Platform passkey',
    RelyingPartyId: 'localhost',
    AuthenticatorAttachment: 'platform',
    AuthenticatorTransports: ['internal'],
  });
  t.equal(Credentials![0]!.CreatedAt!.getTime(), idp.baseClock.now());

  const again = await startRegistration(cognito, accessToken);
  t.same(again.excludeCredentials, [{ type: 'public-key', id: authenticator.id, transports: ['internal'] }], 'the next registration excludes it');
  t.equal(
    await sdkError(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.create(options) as never }))).then((e) => e.name),
    'WebAuthnChallengeNotFoundException',
    'a used challenge is gone',
  );
});

t.test('GetUserAuthFactors and AdminGetUserAuthFactors list WEB_AUTHN once the user has a passkey', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, accessToken } = await passkeyPool(cognito, ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
  const before = await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }));
  t.equal(before.Username, dora.username);
  t.same(before.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP']);
  t.equal(before.UserMFASettingList, undefined);
  await registerPasskey(cognito, accessToken);
  t.same((await cognito.send(new GetUserAuthFactorsCommand({ AccessToken: accessToken }))).ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
  const admin = await cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: pool, Username: dora.username }));
  t.same(admin.ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
  t.equal((await sdkError(cognito.send(new AdminGetUserAuthFactorsCommand({ UserPoolId: pool, Username: 'nobody' })))).name, 'UserNotFoundException');
  t.equal((await sdkError(cognito.send(new GetUserAuthFactorsCommand({ AccessToken: 'not-a-token' })))).name, 'NotAuthorizedException');
});

t.test('registration failures answer Cognito’s WebAuthn errors and store nothing', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { accessToken } = await passkeyPool(cognito);
  const complete = (credential: unknown, token = accessToken) => sdkError(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: token, Credential: credential as never })));
  const authenticator = new SoftwareAuthenticator();

  const options = await startRegistration(cognito, accessToken);
  t.equal((await complete(authenticator.create(options, { challenge: 'c29tZXRoaW5nLWVsc2U' }))).name, 'WebAuthnChallengeNotFoundException', 'another challenge');
  t.equal((await complete(authenticator.create(options, { origin: 'https://evil.example' }))).name, 'WebAuthnOriginNotAllowedException', 'an origin outside the relying party');
  t.equal((await complete(authenticator.create(options, { origin: 'http://localhost.evil.example' }))).name, 'WebAuthnOriginNotAllowedException', 'http on another host');
  t.equal((await complete(authenticator.create(options, { rpId: 'example.com' }))).name, 'WebAuthnRelyingPartyMismatchException', 'made for another relying party');
  t.equal((await complete(authenticator.create(options, { type: 'webauthn.get' }))).name, 'InvalidParameterException', 'an assertion, not a registration');
  t.equal((await complete({ id: 'x', rawId: 'x', type: 'public-key', response: {} })).name, 'InvalidParameterException', 'not a registration response');
  t.equal((await complete({ ...authenticator.create(options), response: { clientDataJSON: 'e30', attestationObject: 'AAAA' } })).name, 'InvalidParameterException', 'garbage');
  t.same((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials, [], 'nothing stored');

  idp.baseClock.advanceBy(3 * 60_000);
  t.equal((await complete(authenticator.create(options))).name, 'WebAuthnChallengeNotFoundException', 'expired after 3 minutes');
  t.same((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials, []);
});

t.test('a registration completed through another app client: WebAuthnClientMismatchException', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, accessToken } = await passkeyPool(cognito);
  const { UserPoolClient } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool, ClientName: 'other', ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  const otherToken = await passwordSignIn(cognito, UserPoolClient!.ClientId!);
  const options = await startRegistration(cognito, accessToken);
  const error = await sdkError(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: otherToken, Credential: new SoftwareAuthenticator().create(options) as never })));
  t.equal(error.name, 'WebAuthnClientMismatchException');
});

t.test('UserVerification required: options ask for it, an authenticator without it is refused', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, accessToken } = await passkeyPool(cognito);
  const { SetUserPoolMfaConfigCommand, GetUserPoolMfaConfigCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'required' } }));
  t.same((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool }))).WebAuthnConfiguration, { RelyingPartyId: 'localhost', UserVerification: 'required' });
  const options = await startRegistration(cognito, accessToken);
  t.match(options, { authenticatorSelection: { userVerification: 'required' } });
  const error = await sdkError(
    cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: new SoftwareAuthenticator({ userVerification: false }).create(options) as never })),
  );
  t.equal(error.name, 'WebAuthnCredentialNotSupportedException');
  await registerPasskey(cognito, accessToken, new SoftwareAuthenticator({ userVerification: true }));
  t.equal((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials!.length, 1);
});

t.test('the relying party: RelyingPartyId, else the pool domain; origins on it or its subdomains over https', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, accessToken } = await passkeyPool(cognito);
  const { SetUserPoolMfaConfigCommand, CreateUserPoolDomainCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: pool, Domain: 'choices-app' }));
  t.equal((await startRegistration(cognito, accessToken)).rp.id, 'choices-app.auth.us-east-1.amazoncognito.com', 'the prefix domain');

  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }));
  const options = await startRegistration(cognito, accessToken);
  t.equal(options.rp.id, 'example.com');
  const complete = (origin: string) =>
    sdkError(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: new SoftwareAuthenticator({ origin }).create(options) as never })));
  t.equal((await complete('http://example.com')).name, 'WebAuthnOriginNotAllowedException', 'http is not allowed off localhost');
  t.equal((await complete('https://notexample.com')).name, 'WebAuthnOriginNotAllowedException');
  await registerPasskey(cognito, accessToken, new SoftwareAuthenticator({ origin: 'https://app.example.com:8443' }));
  t.match((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }))).Credentials, [{ RelyingPartyId: 'example.com' }]);
});

t.test('SetUserPoolMfaConfig checks WebAuthnConfiguration and changes nothing when it is bad', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool } = await passkeyPool(cognito);
  const { SetUserPoolMfaConfigCommand, GetUserPoolMfaConfigCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  for (const WebAuthnConfiguration of [{ UserVerification: 'sometimes' }, { RelyingPartyId: 'x'.repeat(128) }, { FactorConfiguration: 'BOTH' }]) {
    const error = await sdkError(cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, WebAuthnConfiguration: WebAuthnConfiguration as never })));
    t.equal(error.name, 'InvalidParameterException', JSON.stringify(WebAuthnConfiguration));
  }
  t.equal((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool }))).WebAuthnConfiguration, undefined);
});

t.test('passkeys off (AllowedFirstAuthFactors without WEB_AUTHN): WebAuthnNotEnabledException', async (t) => {
  const { cognito } = await startCognito(t);
  const { client } = await userAuthPool(cognito, { factors: ['PASSWORD'] });
  const accessToken = await passwordSignIn(cognito, client);
  t.equal((await sdkError(cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })))).name, 'WebAuthnNotEnabledException');
  t.equal((await sdkError(cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: {} })))).name, 'WebAuthnNotEnabledException');
  t.equal((await sdkError(cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: 'not-a-token' })))).name, 'NotAuthorizedException');
});

t.test('ListWebAuthnCredentials pages with MaxResults and NextToken; DeleteWebAuthnCredential', async (t) => {
  const { cognito } = await startCognito(t);
  const { accessToken } = await passkeyPool(cognito);
  const keys = [await registerPasskey(cognito, accessToken), await registerPasskey(cognito, accessToken), await registerPasskey(cognito, accessToken)];
  const list = (input: { MaxResults?: number; NextToken?: string }) => cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken, ...input }));
  const first = await list({ MaxResults: 2 });
  t.same(
    first.Credentials!.map((c) => c.CredentialId),
    [keys[0]!.id, keys[1]!.id],
  );
  t.ok(first.NextToken);
  const second = await list({ MaxResults: 2, NextToken: first.NextToken });
  t.same(
    second.Credentials!.map((c) => c.CredentialId),
    [keys[2]!.id],
  );
  t.equal(second.NextToken, undefined);
  for (const bad of [{ MaxResults: 0 }, { MaxResults: 21 }, { NextToken: 'unknown' }]) {
    t.equal((await sdkError(list(bad))).name, 'InvalidParameterException', JSON.stringify(bad));
  }

  t.equal((await sdkError(cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: 'unknown' })))).name, 'ResourceNotFoundException');
  await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: keys[1]!.id }));
  t.same(
    (await list({})).Credentials!.map((c) => c.CredentialId),
    [keys[0]!.id, keys[2]!.id],
  );
});
