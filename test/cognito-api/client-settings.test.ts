import {
  AdminInitiateAuthCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, claimsOf, localPool, sdkError, spa, startCognito } from '../helpers/cognito.js';
import { resetBeforeEach } from '../helpers/idp.js';

// One server for the file, reset (configured clients and users as configured, no others) before each test.
const { idp, cognito } = await startCognito(t);
resetBeforeEach(t, idp);

const passwordFlows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

async function newClient(cognito: CognitoIdentityProviderClient, input: Partial<CreateUserPoolClientCommandInput> = {}): Promise<string> {
  const { UserPoolClient: client } = await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: localPool, ClientName: 'app', ...input }));
  return client!.ClientId!;
}

const passwordSignIn = (cognito: CognitoIdentityProviderClient, clientId: string, username = alice.username, password = alice.password) =>
  cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));

t.test('ExplicitAuthFlows: a flow the client does not allow is refused; configured clients allow every flow', async (t) => {
  const srpOnly = await newClient(cognito, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  const refused = await sdkError(passwordSignIn(cognito, srpOnly));
  t.equal(refused.name, 'InvalidParameterException');
  t.equal(refused.message, 'USER_PASSWORD_AUTH flow not enabled for this client');
  const admin = await sdkError(
    cognito.send(
      new AdminInitiateAuthCommand({ UserPoolId: localPool, ClientId: srpOnly, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }),
    ),
  );
  t.equal(admin.name, 'InvalidParameterException');
  const byDefault = await newClient(cognito);
  t.equal((await sdkError(passwordSignIn(cognito, byDefault))).name, 'InvalidParameterException', "Cognito's default flows have no password flow");
  const legacy = await newClient(cognito, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH'] });
  t.ok((await passwordSignIn(cognito, legacy)).AuthenticationResult, 'the legacy value still allows its flow');
  t.ok((await passwordSignIn(cognito, spa)).AuthenticationResult);
});

t.test('ReadAttributes limit the ID token and GetUser; WriteAttributes limit UpdateUserAttributes', async (t) => {
  const clientId = await newClient(cognito, { ExplicitAuthFlows: [...passwordFlows], ReadAttributes: ['email', 'email_verified'], WriteAttributes: ['name'] });
  const { AuthenticationResult: result } = await passwordSignIn(cognito, clientId);
  const id = claimsOf(result!.IdToken!);
  t.equal(id.email, 'alice.strosin9@example.com');
  t.equal(id.email_verified, true);
  t.equal(id.name, undefined);
  t.equal(id.phone_number, undefined);
  t.equal(id['custom:tenant'], undefined);
  const user = await cognito.send(new GetUserCommand({ AccessToken: result!.AccessToken }));
  t.same(user.UserAttributes!.map((a) => a.Name).sort(), ['email', 'email_verified', 'sub']);

  const refused = await sdkError(cognito.send(new UpdateUserAttributesCommand({ AccessToken: result!.AccessToken, UserAttributes: [{ Name: 'given_name', Value: 'Al' }] })));
  t.equal(refused.name, 'NotAuthorizedException');
  t.equal(refused.message, 'A client attempted to write unauthorized attribute');
  await cognito.send(new UpdateUserAttributesCommand({ AccessToken: result!.AccessToken, UserAttributes: [{ Name: 'name', Value: 'Alice S.' }] }));
  const { AuthenticationResult: spaResult } = await passwordSignIn(cognito, spa);
  const all = claimsOf(spaResult!.IdToken!);
  t.equal(all.name, 'Alice S.');
  t.equal(all.given_name, 'Alice', 'the refused change was not made');
});

t.test('PreventUserExistenceErrors: LEGACY says a user does not exist; ENABLED does not', async (t) => {
  const legacy = await newClient(cognito, { ExplicitAuthFlows: [...passwordFlows, 'ALLOW_USER_SRP_AUTH'] });
  const enabled = await newClient(cognito, { ExplicitAuthFlows: [...passwordFlows], PreventUserExistenceErrors: 'ENABLED' });

  const unknown = await sdkError(passwordSignIn(cognito, legacy, 'nobody', 'Whatever-123!'));
  t.equal(unknown.name, 'UserNotFoundException');
  t.equal(unknown.message, 'User does not exist.');
  t.equal((await sdkError(passwordSignIn(cognito, legacy, alice.username, 'Wrong-123!'))).name, 'NotAuthorizedException', 'a wrong password is still NotAuthorized');
  const srp = cognito.send(new InitiateAuthCommand({ ClientId: legacy, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'nobody', SRP_A: 'abc123' } }));
  t.equal((await sdkError(srp)).name, 'UserNotFoundException');
  t.equal((await sdkError(cognito.send(new ForgotPasswordCommand({ ClientId: legacy, Username: 'nobody' })))).name, 'UserNotFoundException');
  t.equal((await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: legacy, Username: 'nobody', ConfirmationCode: '123456' })))).name, 'UserNotFoundException');

  t.equal((await sdkError(passwordSignIn(cognito, enabled, 'nobody', 'Whatever-123!'))).name, 'NotAuthorizedException');
  t.ok((await cognito.send(new ForgotPasswordCommand({ ClientId: enabled, Username: 'nobody' }))).CodeDeliveryDetails);
  t.equal((await sdkError(cognito.send(new ConfirmSignUpCommand({ ClientId: enabled, Username: 'nobody', ConfirmationCode: '123456' })))).name, 'CodeMismatchException');
});

t.test('EnableTokenRevocation false: RevokeToken and /oauth2/revoke refuse', async (t) => {
  const clientId = await newClient(cognito, { ExplicitAuthFlows: [...passwordFlows], EnableTokenRevocation: false });
  const { AuthenticationResult: result } = await passwordSignIn(cognito, clientId);
  const refused = await sdkError(cognito.send(new RevokeTokenCommand({ ClientId: clientId, Token: result!.RefreshToken })));
  t.equal(refused.name, 'UnsupportedOperationException');
  const res = await fetch(`${idp.url}/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ client_id: clientId, token: result!.RefreshToken! }) });
  t.equal(res.status, 400);
  t.equal(((await res.json()) as { error: string }).error, 'invalid_request');
  t.ok((await cognito.send(new GetUserCommand({ AccessToken: result!.AccessToken }))).Username, 'nothing was revoked');
});

t.test('AllowedOAuthFlows and AllowedOAuthFlowsUserPoolClient govern the OAuth endpoints', async (t) => {
  const callback = 'https://app.example/cb';
  const codeOnly = await newClient(cognito, { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [callback] });
  const noOAuth = await newClient(cognito, { CallbackURLs: [callback] });
  const authorize = (clientId: string, responseType: string) =>
    fetch(`${idp.url}/oauth2/authorize?${new URLSearchParams({ client_id: clientId, response_type: responseType, redirect_uri: callback, scope: 'openid', state: 's' })}`, { redirect: 'manual' });

  const code = await authorize(codeOnly, 'code');
  t.equal(code.status, 302);
  t.notMatch(code.headers.get('location'), /error=/);
  const implicit = await authorize(codeOnly, 'token');
  t.equal(implicit.status, 302);
  t.match(implicit.headers.get('location'), /^https:\/\/app\.example\/cb\?error=unauthorized_client/);
  t.match((await authorize(noOAuth, 'code')).headers.get('location'), /error=unauthorized_client/);

  const { UserPoolClient: machine } = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: localPool,
      ClientName: 'm',
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [callback],
    }),
  );
  const res = await fetch(`${idp.url}/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${machine!.ClientId}:${machine!.ClientSecret}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  t.equal(res.status, 400);
  t.equal(((await res.json()) as { error: string }).error, 'unauthorized_client');
});
