/**
 * End to end, as a user provisions Cognito with the AWS SDK: a pool and an app client made through
 * the API, users made by an administrator and by sign-up, sign-in with USER_PASSWORD_AUTH and with
 * SRP (amazon-cognito-identity-js), and the tokens verified by jose and aws-jwt-verify against the
 * new pool's JWKS, with Cognito's issuer.
 */
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import t from 'tap';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { startCognito } from '../helpers/cognito.js';

const password = 'Provisioned-4711!';

/** amazon-cognito-identity-js's `authenticateUser` (USER_SRP_AUTH) as a promise. */
function srpSignIn(endpoint: string, UserPoolId: string, ClientId: string, Username: string): Promise<CognitoUserSession> {
  const items = new Map<string, string>();
  const Storage = {
    setItem: (k: string, v: string) => void items.set(k, v),
    getItem: (k: string) => items.get(k) ?? null,
    removeItem: (k: string) => void items.delete(k),
    clear: () => items.clear(),
  };
  const Pool = new CognitoUserPool({ UserPoolId, ClientId, endpoint, Storage });
  const user = new CognitoUser({ Username, Pool, Storage });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('new password required')),
    }),
  );
}

t.test('a pool and client made through the API sign users in; their tokens verify with jose and aws-jwt-verify', async (t) => {
  const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory(), config: { issuerStyle: 'cognito' } });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'provisioned' }))).UserPool!;
  const poolId = pool.Id!;
  const client = (
    await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }))
  ).UserPoolClient!;
  const clientId = client.ClientId!;

  await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'ada', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }] }));
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'ada', Password: password, Permanent: true }));
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'grace', Password: password, UserAttributes: [{ Name: 'email', Value: 'grace@example.com' }] }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'grace' }));

  const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
  t.equal(idp.issuer(poolId), issuer);
  const keySet = createRemoteJWKSet(new URL(idp.jwksUri(poolId)));
  // CognitoJwtVerifier fetches https://cognito-idp.<region>.amazonaws.com/<pool>/.well-known/jwks.json: sent to the mock.
  const fetcher = { fetch: async (uri: string) => (await fetch(uri.replace(/^https:\/\/cognito-idp\.[^/]+/, idp.url))).arrayBuffer() };
  const jwksCache = new SimpleJwksCache({ fetcher });
  const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId }, { jwksCache });
  const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId }, { jwksCache });

  const check = async (username: string, idToken: string, accessToken: string) => {
    const id = await jwtVerify(idToken, keySet, { issuer, audience: clientId, algorithms: ['RS256'] });
    t.equal(id.payload['cognito:username'], username, `${username}: jose verifies the ID token`);
    t.equal(id.payload.email, `${username}@example.com`);
    const access = await jwtVerify(accessToken, keySet, { issuer, algorithms: ['RS256'] });
    t.equal(access.payload.client_id, clientId, `${username}: jose verifies the access token`);
    t.equal((await idVerifier.verify(idToken))['cognito:username'], username, `${username}: aws-jwt-verify verifies the ID token`);
    t.equal((await accessVerifier.verify(accessToken)).username, username, `${username}: aws-jwt-verify verifies the access token`);
  };

  for (const username of ['ada', 'grace']) {
    const { AuthenticationResult: result } = await cognito.send(
      new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
    );
    await check(username, result!.IdToken!, result!.AccessToken!);
    const session = await srpSignIn(`${idp.url}/`, poolId, clientId, username);
    await check(username, session.getIdToken().getJwtToken(), session.getAccessToken().getJwtToken());
  }
});
