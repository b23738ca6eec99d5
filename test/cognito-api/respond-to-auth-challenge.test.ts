import {
  AdminCreateUserCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import t from 'tap';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { formatTimestamp } from '../../src/cognito/srp.js';
import { alice, backend, localPool, sdkError, spa, startCognito, verifyToken } from '../helpers/cognito.js';
import { srpClient } from '../helpers/srp-client.js';

async function srpChallenge(cognito: CognitoIdentityProviderClient, username: string, ClientId = spa, extra: Record<string, string> = {}) {
  const client = srpClient(localPool);
  const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: username, SRP_A: client.SRP_A, ...extra } }));
  return { client, params: out.ChallengeParameters!, out };
}

const verifier = (ChallengeResponses: Record<string, string>, ClientId = spa) => new RespondToAuthChallengeCommand({ ChallengeName: 'PASSWORD_VERIFIER', ClientId, ChallengeResponses });

t.test('USER_SRP_AUTH through the SDK: the PASSWORD_VERIFIER challenge, then tokens', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { client, params, out } = await srpChallenge(cognito, 'alice');
  t.equal(out.ChallengeName, 'PASSWORD_VERIFIER');
  t.match(params, { SALT: /^[0-9a-f]{32}$/, SRP_B: /^[0-9a-f]{500,}$/, SECRET_BLOCK: /^[A-Za-z0-9+/]+=*$/, USERNAME: 'alice', USER_ID_FOR_SRP: 'alice' });
  const result = await cognito.send(verifier(client.answer(params, alice.password)));
  t.same(result.ChallengeParameters, {});
  t.match(await verifyToken(idp, result.AuthenticationResult!.AccessToken!, 'access'), { username: 'alice' });
});

t.test('a SECRET_BLOCK is single-use, and bound to its client', async (t) => {
  const { cognito } = await startCognito(t);
  const { client, params } = await srpChallenge(cognito, 'alice');
  const answer = client.answer(params, alice.password);
  await cognito.send(verifier(answer));
  t.match(await sdkError(cognito.send(verifier(answer))), { name: 'NotAuthorizedException', status: 400 }, 'replayed');

  const second = await srpChallenge(cognito, 'alice');
  // Its first character made another: putting an `A` there left it unchanged once in 64 runs.
  const block = second.params.SECRET_BLOCK!;
  const tampered = second.client.answer({ ...second.params, SECRET_BLOCK: `${block.startsWith('A') ? 'B' : 'A'}${block.slice(1)}` }, alice.password);
  t.match(await sdkError(cognito.send(verifier(tampered))), { name: 'NotAuthorizedException' }, 'tampered');

  const third = await srpChallenge(cognito, 'alice');
  const elsewhere = third.client.answer(third.params, alice.password);
  const hash = { SECRET_HASH: secretHash(backend.secret, 'alice', backend.id) };
  t.match(await sdkError(cognito.send(verifier({ ...elsewhere, ...hash }, backend.id))), { name: 'NotAuthorizedException' }, 'another client');
});

t.test("the TIMESTAMP: the clients' exact format, within 5 minutes of the server clock", async (t) => {
  const { idp, cognito } = await startCognito(t);
  const late = await srpChallenge(cognito, 'alice');
  const tenMinutesOff = late.client.answer(late.params, alice.password, formatTimestamp(idp.clock.now() - 10 * 60_000));
  t.match(await sdkError(cognito.send(verifier(tenMinutesOff))), { name: 'NotAuthorizedException' });

  const padded = await srpChallenge(cognito, 'alice');
  const zeroPadded = formatTimestamp(Date.UTC(2030, 0, 2, 3, 4, 5)).replace(' 2 ', ' 02 ');
  t.match(await sdkError(cognito.send(verifier(padded.client.answer(padded.params, alice.password, zeroPadded)))), { name: 'InvalidParameterException' });
});

t.test('a challenge expires after 3 minutes', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const { client, params } = await srpChallenge(cognito, 'alice');
  idp.baseClock.advanceBy(181_000);
  const answer = client.answer(params, alice.password, formatTimestamp(idp.clock.now()));
  t.match(await sdkError(cognito.send(verifier(answer))), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
});

t.test('SRP for a client with a secret: SECRET_HASH in both steps', async (t) => {
  const { cognito } = await startCognito(t);
  const hash = { SECRET_HASH: secretHash(backend.secret, 'alice', backend.id) };
  t.match(await sdkError(srpChallenge(cognito, 'alice', backend.id)), { name: 'NotAuthorizedException' });
  const { client, params } = await srpChallenge(cognito, 'alice', backend.id, hash);
  const result = await cognito.send(verifier({ ...client.answer(params, alice.password), ...hash }, backend.id));
  t.ok(result.AuthenticationResult?.IdToken);
});

t.test('NEW_PASSWORD_REQUIRED: a Session, the policy, and one use', async (t) => {
  const { idp, cognito } = await startCognito(t);
  const pool = 'eu-west-1_TeamsPool';
  const ClientId = '1btg84t72jk3sji5tn8pa3gpvo';
  const first = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'kraig_prohaska', PASSWORD: 'Swath-2022-muted!' } }));
  t.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  t.ok(first.Session);
  t.equal(first.AuthenticationResult, undefined);
  t.match(first.ChallengeParameters, { USER_ID_FOR_SRP: 'kraig_prohaska', requiredAttributes: '[]' });
  t.match(JSON.parse(first.ChallengeParameters!.userAttributes!), { email: 'kraig.prohaska62@example.com' });

  const answer = (NEW_PASSWORD: string) =>
    new RespondToAuthChallengeCommand({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId, Session: first.Session, ChallengeResponses: { USERNAME: 'kraig_prohaska', NEW_PASSWORD } });
  t.match(await sdkError(cognito.send(answer('weakpass'))), { name: 'InvalidPasswordException', status: 400 });
  const done = await cognito.send(answer('Another-Good-1!'));
  t.match(await verifyToken(idp, done.AuthenticationResult!.IdToken!, 'id', ClientId, pool), { 'cognito:username': 'kraig_prohaska' });
  t.match(await sdkError(cognito.send(answer('Another-Good-2!'))), { name: 'NotAuthorizedException' }, 'the session is spent');
  const next = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME: 'kraig_prohaska', PASSWORD: 'Another-Good-1!' } }));
  t.ok(next.AuthenticationResult, 'the new password signs in');
});

t.test("AdminRespondToAuthChallenge answers a new user's NEW_PASSWORD_REQUIRED; an old session has expired", async (t) => {
  const { idp, cognito } = await startCognito(t);
  await cognito.send(new AdminCreateUserCommand({ UserPoolId: localPool, Username: 'temp', TemporaryPassword: 'Temp-Pass-123!' }));
  const start = () => cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: 'temp', PASSWORD: 'Temp-Pass-123!' } }));
  const stale = await start();
  idp.baseClock.advanceBy(4 * 60_000);
  const respond = (Session: string | undefined) =>
    cognito.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: localPool,
        ClientId: spa,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: { USERNAME: 'temp', NEW_PASSWORD: 'Final-Pass-123!' },
      }),
    );
  t.match(await sdkError(respond(stale.Session)), { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  const fresh = await start();
  t.ok((await respond(fresh.Session)).AuthenticationResult?.AccessToken);
});

t.test('unsupported challenges: InvalidParameterException', async (t) => {
  const { cognito } = await startCognito(t);
  const err = await sdkError(cognito.send(new RespondToAuthChallengeCommand({ ChallengeName: 'SMS_MFA', ClientId: spa, ChallengeResponses: { USERNAME: 'alice' } })));
  t.match(err, { name: 'InvalidParameterException' });
});
