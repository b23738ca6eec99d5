import { GetUserPoolMfaConfigCommand, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { alice, localPool, startCognito } from '../helpers/cognito.js';
import { registerPasskey } from '../helpers/passkeys.js';
import type { RequestOptionsJson } from '../helpers/software-authenticator.js';

t.test("the config file's webAuthn is the pool's WebAuthnConfiguration; a configured pool signs in with a passkey", async (t) => {
  const ClientId = '5passkeyclient00000000000a';
  const { cognito } = await startCognito(t, {
    config: {
      pools: [
        {
          id: localPool,
          users: '*',
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          webAuthn: { relyingPartyId: 'localhost', userVerification: 'required' },
          clients: [{ id: ClientId, name: 'web', secret: null }],
        },
      ],
    },
  });
  t.same((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: localPool }))).WebAuthnConfiguration, { RelyingPartyId: 'localhost', UserVerification: 'required' });
  const signIn = (params: Record<string, string>) => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId, AuthParameters: { USERNAME: alice.username, ...params } }));
  const accessToken = (await signIn({ PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: alice.password })).AuthenticationResult!.AccessToken!;
  const authenticator = await registerPasskey(cognito, accessToken);

  const asked = await signIn({ PREFERRED_CHALLENGE: 'WEB_AUTHN' });
  const options = JSON.parse(asked.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson;
  t.match(options, { rpId: 'localhost', userVerification: 'required' });
  const done = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'WEB_AUTHN', ClientId, Session: asked.Session, ChallengeResponses: { USERNAME: alice.username, CREDENTIAL: authenticator.get(options) } }),
  );
  t.ok(done.AuthenticationResult?.AccessToken);
});
