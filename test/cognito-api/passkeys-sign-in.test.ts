import {
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { sdkError, startCognito, verifyToken } from '../helpers/cognito.js';
import { passkeyPool, registerPasskey } from '../helpers/passkeys.js';
import { SoftwareAuthenticator, type RequestOptionsJson, type Tamper } from '../helpers/software-authenticator.js';
import { dora } from '../helpers/user-auth.js';

/** InitiateAuth USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN: the Session and the parsed CREDENTIAL_REQUEST_OPTIONS. */
async function passkeyChallenge(cognito: CognitoIdentityProviderClient, client: string) {
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
  return { name: started.ChallengeName, session: started.Session!, options: JSON.parse(started.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson & Record<string, unknown> };
}

function answer(cognito: CognitoIdentityProviderClient, client: string, session: string, credential: string) {
  return cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'WEB_AUTHN', ClientId: client, Session: session, ChallengeResponses: { USERNAME: dora.username, CREDENTIAL: credential } }));
}

t.test('SELECT_CHALLENGE offers WEB_AUTHN; ANSWER WEB_AUTHN → WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS → tokens', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { pool, client, accessToken } = await passkeyPool(cognito);
  const before = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  t.same(before.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP'], 'no passkey yet: not offered');
  const noPasskey = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
  t.equal(noPasskey.ChallengeName, 'SELECT_CHALLENGE', 'a preference the user cannot do falls back to SELECT_CHALLENGE');

  const authenticator = await registerPasskey(cognito, accessToken);
  const started = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME: dora.username } }));
  t.same(started.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
  const asked = await cognito.send(
    new RespondToAuthChallengeCommand({ ChallengeName: 'SELECT_CHALLENGE', ClientId: client, Session: started.Session, ChallengeResponses: { USERNAME: dora.username, ANSWER: 'WEB_AUTHN' } }),
  );
  t.equal(asked.ChallengeName, 'WEB_AUTHN');
  t.same(Object.keys(asked.ChallengeParameters!), ['CREDENTIAL_REQUEST_OPTIONS']);
  const options = JSON.parse(asked.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson;
  t.match(options, { challenge: /^[A-Za-z0-9_-]{43}$/, timeout: 180000, rpId: 'localhost', allowCredentials: [{ type: 'public-key', id: authenticator.id }], userVerification: 'preferred' });

  const done = await answer(cognito, client, asked.Session!, authenticator.get(options));
  t.match(await verifyToken(idp, done.AuthenticationResult!.AccessToken!, 'access', client, pool), { username: dora.username });
  t.ok(done.AuthenticationResult!.RefreshToken);
});

t.test('PREFERRED_CHALLENGE WEB_AUTHN gives the challenge at once; the sign counter is checked and kept', async (t) => {
  const { cognito } = await startCognito(t);
  const { client, accessToken } = await passkeyPool(cognito);
  const authenticator = await registerPasskey(cognito, accessToken, new SoftwareAuthenticator({ counterStart: 10 }));

  const first = await passkeyChallenge(cognito, client);
  t.equal(first.name, 'WEB_AUTHN');
  t.ok((await answer(cognito, client, first.session, authenticator.get(first.options))).AuthenticationResult, 'counter 11 after 10');

  const stale = await passkeyChallenge(cognito, client);
  t.equal(
    (await sdkError(answer(cognito, client, stale.session, authenticator.get(stale.options, { counter: 11 })))).name,
    'NotAuthorizedException',
    'the same counter again: a cloned authenticator?',
  );
  t.equal((await sdkError(answer(cognito, client, stale.session, authenticator.get(stale.options, { counter: 5 })))).name, 'NotAuthorizedException', 'a lower counter');
  t.ok((await answer(cognito, client, stale.session, authenticator.get(stale.options))).AuthenticationResult, 'a failed answer leaves the Session usable; a higher counter signs in');

  const zero = await registerPasskey(cognito, accessToken, new SoftwareAuthenticator());
  for (let i = 0; i < 2; i++) {
    const next = await passkeyChallenge(cognito, client);
    t.ok((await answer(cognito, client, next.session, zero.get(next.options, { counter: 0 }))).AuthenticationResult, 'an authenticator that keeps no counter (always 0)');
  }
});

t.test('a replayed assertion is refused', async (t) => {
  const { cognito } = await startCognito(t);
  const { client, accessToken } = await passkeyPool(cognito);
  const authenticator = await registerPasskey(cognito, accessToken);
  const { session, options } = await passkeyChallenge(cognito, client);
  const credential = authenticator.get(options);
  t.ok((await answer(cognito, client, session, credential)).AuthenticationResult);
  t.equal((await sdkError(answer(cognito, client, session, credential))).name, 'NotAuthorizedException', 'with the same Session');
  const fresh = await passkeyChallenge(cognito, client);
  t.equal((await sdkError(answer(cognito, client, fresh.session, credential))).name, 'NotAuthorizedException', 'against a new challenge');
});

t.test('assertions that do not verify: NotAuthorizedException, nothing changes', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, client, accessToken } = await passkeyPool(cognito);
  const authenticator = await registerPasskey(cognito, accessToken);
  const { session, options } = await passkeyChallenge(cognito, client);
  const cases: Array<[string, Tamper]> = [
    ['another origin', { origin: 'https://evil.example' }],
    ['another relying party', { rpId: 'example.com' }],
    ['another challenge', { challenge: 'c29tZXRoaW5nLWVsc2U' }],
    ['a bad signature', { badSignature: true }],
  ];
  for (const [what, tamper] of cases) t.equal((await sdkError(answer(cognito, client, session, authenticator.get(options, tamper)))).name, 'NotAuthorizedException', what);
  t.equal((await sdkError(answer(cognito, client, session, new SoftwareAuthenticator().get(options)))).name, 'NotAuthorizedException', 'a passkey the user does not have');
  t.equal((await sdkError(answer(cognito, client, session, authenticator.get(options, { type: 'webauthn.create' })))).name, 'InvalidParameterException', 'a registration, not an assertion');
  t.equal((await sdkError(answer(cognito, client, session, 'not json'))).name, 'InvalidParameterException', 'not JSON');
  const missing = await sdkError(cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'WEB_AUTHN', ClientId: client, Session: session, ChallengeResponses: { USERNAME: dora.username } })));
  t.equal(missing.name, 'InvalidParameterException', 'no CREDENTIAL');
  t.ok((await answer(cognito, client, session, authenticator.get(options))).AuthenticationResult, 'the Session still works');

  await cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: pool, WebAuthnConfiguration: { UserVerification: 'required' } }));
  const strict = await passkeyChallenge(cognito, client);
  t.equal(strict.options.userVerification, 'required');
  t.equal((await sdkError(answer(cognito, client, strict.session, authenticator.get(strict.options, { uv: false })))).name, 'NotAuthorizedException', 'user verification required');
  t.ok((await answer(cognito, client, strict.session, authenticator.get(strict.options, { uv: true }))).AuthenticationResult);
});

t.test('AdminInitiateAuth USER_AUTH and AdminRespondToAuthChallenge WEB_AUTHN', async (t) => {
  const { cognito } = await startCognito(t);
  const { pool, client, accessToken } = await passkeyPool(cognito);
  const authenticator = await registerPasskey(cognito, accessToken);
  const started = await cognito.send(
    new AdminInitiateAuthCommand({ UserPoolId: pool, ClientId: client, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: dora.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
  );
  t.equal(started.ChallengeName, 'WEB_AUTHN');
  const options = JSON.parse(started.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as RequestOptionsJson;
  const done = await cognito.send(
    new AdminRespondToAuthChallengeCommand({
      UserPoolId: pool,
      ClientId: client,
      ChallengeName: 'WEB_AUTHN',
      Session: started.Session,
      ChallengeResponses: { USERNAME: dora.username, CREDENTIAL: authenticator.get(options) },
    }),
  );
  t.ok(done.AuthenticationResult?.IdToken);
});
