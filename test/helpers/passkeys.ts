import { CompleteWebAuthnRegistrationCommand, InitiateAuthCommand, StartWebAuthnRegistrationCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SoftwareAuthenticator, type CreationOptionsJson, type Tamper } from './software-authenticator.js';
import { dora, userAuthPool } from './user-auth.js';

/** A USER_AUTH pool whose first factors are PASSWORD and WEB_AUTHN (relying party: localhost), with dora signed in by password. */
export async function passkeyPool(cognito: CognitoIdentityProviderClient, factors = ['PASSWORD', 'WEB_AUTHN']) {
  const { pool, client } = await userAuthPool(cognito, { factors });
  return { pool, client, accessToken: await passwordSignIn(cognito, client) };
}

/** dora's access token, by USER_AUTH with her password. */
export async function passwordSignIn(cognito: CognitoIdentityProviderClient, client: string): Promise<string> {
  const signedIn = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: dora.password } }),
  );
  return signedIn.AuthenticationResult!.AccessToken!;
}

/** StartWebAuthnRegistration's options. */
export async function startRegistration(cognito: CognitoIdentityProviderClient, accessToken: string): Promise<CreationOptionsJson & Record<string, unknown>> {
  const { CredentialCreationOptions } = await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
  return CredentialCreationOptions as CreationOptionsJson & Record<string, unknown>;
}

/** Start and complete a registration with `authenticator` (a new one by default); returns it. */
export async function registerPasskey(cognito: CognitoIdentityProviderClient, accessToken: string, authenticator = new SoftwareAuthenticator(), tamper: Tamper = {}) {
  const options = await startRegistration(cognito, accessToken);
  await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: authenticator.create(options, tamper) as never }));
  return authenticator;
}
