// A tiny API that trusts Cognito ID tokens: what your service does, here pointed at mock-idp.
import { createServer } from 'node:http';
import { createVerifier, VerificationError } from 'mock-idp/verifier';

/**
 * GET /me with `Authorization: Bearer <ID token>`: 200 `{username, email}` for a token the
 * verifier accepts, 401 `{code}` with the verdict code (EXPIRED, WRONG_AUDIENCE…) otherwise.
 */
export function createApp({ issuer, jwksUri, clientId }) {
  const verifier = createVerifier({ issuer, jwksUri, clientId, tokenUse: 'id' });
  return createServer(async (request, response) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    let status = 401;
    let body = { code: 'MISSING_TOKEN' };
    if (token) {
      try {
        const claims = await verifier.verify(token);
        [status, body] = [200, { username: claims['cognito:username'], email: claims.email }];
      } catch (error) {
        if (!(error instanceof VerificationError)) throw error;
        body = { code: error.code };
      }
    }
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}
