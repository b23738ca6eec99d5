import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The OAuth2 endpoints a browser app calls with `fetch` from its own origin
 * (oidc-client-ts, Amplify), with the methods each takes. `/oauth2/authorize`,
 * `/login` and `/logout` are navigations, not fetches: they get no CORS.
 */
export const crossOriginEndpoints: Readonly<Record<string, readonly string[]>> = {
  '/oauth2/token': ['POST'],
  '/oauth2/userInfo': ['GET', 'POST'],
  '/oauth2/revoke': ['POST'],
};

/**
 * Request headers a preflight is granted: the three the endpoints read or
 * Amplify sends (`x-amz-user-agent` on its token requests), and, when the
 * browser asks for them, a few more that browser HTTP clients add and these
 * endpoints ignore. Anything else asked for (DPoP, say, which Cognito does not
 * support) is left out, so the browser refuses that request.
 */
const alwaysAllowed = ['authorization', 'content-type', 'x-amz-user-agent'];
const allowedWhenAsked = new Set([...alwaysAllowed, 'accept', 'accept-language', 'content-language', 'cache-control', 'pragma', 'x-requested-with', 'x-amz-date', 'x-amz-security-token']);

/** How long a browser may reuse a preflight answer (Chromium caps it at two hours). */
const preflightMaxAgeSeconds = 600;

/**
 * CORS on {@link crossOriginEndpoints}, as Cognito's user pool domain serves
 * it: `OPTIONS` answers the preflight, and every answer (tokens or an OAuth2
 * error, whatever its status) carries `Access-Control-Allow-Origin`.
 *
 * The Origin is echoed rather than `*` because Cognito echoes it (a page with
 * `Origin: null` got `Access-Control-Allow-Origin: null` from /oauth2/token:
 * amazon-cognito-auth-js issue #113), with `Vary: Origin` so a cache never
 * hands one origin's answer to another. Either value lets any origin read the
 * answer: no `Access-Control-Allow-Credentials`, because no cookie is ever
 * needed here (the token endpoint and revoke take the client and the grant in
 * the form or a Basic header, userInfo a Bearer token), so a page cannot
 * borrow a signed-in user's hosted-UI session through these endpoints.
 * A request without an Origin (not from a browser) gets `*`.
 */
export function allowCrossOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (crossOriginEndpoints[request.routeOptions.url ?? ''] === undefined) return;
    reply
      .header('access-control-allow-origin', allowedOrigin(request))
      .header('vary', 'Origin')
      // userInfo's errors carry the reason in WWW-Authenticate; let the page read it.
      .header('access-control-expose-headers', 'WWW-Authenticate');
  });
  for (const [url, methods] of Object.entries(crossOriginEndpoints)) {
    app.options(url, async (request, reply) => preflight(request, reply, methods));
  }
}

function preflight(request: FastifyRequest, reply: FastifyReply, methods: readonly string[]) {
  return reply
    .status(204)
    .header('access-control-allow-methods', [...methods, 'OPTIONS'].join(', '))
    .header('access-control-allow-headers', allowedHeaders(request.headers['access-control-request-headers']).join(', '))
    .header('access-control-max-age', String(preflightMaxAgeSeconds))
    .send();
}

/** The always-allowed headers plus those asked for that are on the list (lowercase, once each). */
export function allowedHeaders(asked: string | undefined): string[] {
  const names = (asked ?? '').split(',').map((name) => name.trim().toLowerCase());
  return [...new Set([...alwaysAllowed, ...names.filter((name) => allowedWhenAsked.has(name))])];
}

/** A browser's serialized origin (`scheme://host[:port]` or `null`), echoed; anything else is answered `*`. */
function allowedOrigin(request: FastifyRequest): string {
  const origin = request.headers.origin;
  return typeof origin === 'string' && /^(null|[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+)$/i.test(origin) ? origin : '*';
}
