import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { MockIdpConfig } from '../config/types.js';
import { MockIdpError } from '../errors.js';
import { toErrorBody } from '../plugins/error-handler.js';
import { sendOAuthJson } from '../routes/oauth2/error-format.js';
import { isLoopbackHost } from './exposure.js';

/** A Host header split into a lower-case name (IPv6 without brackets, no trailing dot) and its port, if any. */
export interface HostName {
  name: string;
  port: number | null;
}

const hostPattern = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?))(?::(\d{1,5}))?$/;

/** Parses `example.com`, `example.com:8080`, `[::1]:4455`; null for anything else. */
export function parseHost(value: string): HostName | null {
  const match = hostPattern.exec(value.trim().toLowerCase());
  if (!match) return null;
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port !== null && port > 65535) return null;
  return { name: (match[1] ?? match[2]!).replace(/\.$/, ''), port };
}

/**
 * Whether a Host header names this server. The names are `localhost`,
 * `127.0.0.1`, `::1`, the listen address (unless a wildcard), the public URL's
 * host and `allowedHosts`: with any port, or only with the port an
 * `allowedHosts` entry names.
 *
 * The name is what defeats DNS rebinding (the attacker's page keeps its own
 * name in the Host header); the port adds nothing, since a browser reaches
 * this server only at its port, while port forwarding (`docker run -p
 * 8080:4455`, `ssh -L`) and `app.inject()` (`Host: localhost:80`) put another
 * port there. Vite and webpack-dev-server compare names too.
 *
 * @example
 * const allowed = hostAllowed(config);
 * allowed('localhost:4455'); // true
 * allowed('rebind.attacker.example:4455'); // false
 */
export function hostAllowed(config: Pick<MockIdpConfig, 'host' | 'publicUrl' | 'allowedHosts'>): (host: string | undefined) => boolean {
  const anyPort = new Set(['localhost', '127.0.0.1', '::1']);
  const exact = new Set<string>();
  const listen = parseHost(config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host);
  if (listen && listen.name !== '0.0.0.0' && listen.name !== '::') anyPort.add(listen.name);
  if (config.publicUrl) {
    const publicHost = parseHost(new URL(config.publicUrl).host);
    if (publicHost) anyPort.add(publicHost.name);
  }
  for (const entry of config.allowedHosts) {
    const parsed = parseHost(entry);
    if (!parsed) continue;
    if (parsed.port === null) anyPort.add(parsed.name);
    else exact.add(`${parsed.name}|${parsed.port}`);
  }
  return (host) => {
    const parsed = host === undefined ? null : parseHost(host);
    if (!parsed) return false;
    return anyPort.has(parsed.name) || exact.has(`${parsed.name}|${parsed.port}`);
  };
}

/** The surfaces a browser page or the operator uses, never another service: the control API, the teaching page, the hosted UI. */
function isPrivatePath(method: string, path: string): boolean {
  if (path === '/_mock' || path.startsWith('/_mock/')) return true;
  if (path === '/login' || path === '/logout' || path.startsWith('/oauth2/')) return true;
  if (path.startsWith('/page/')) return true;
  // `GET /` is the teaching page; `POST /` (and its preflight) the Cognito JSON API.
  return path === '/' && (method === 'GET' || method === 'HEAD');
}

/**
 * An `onRequest` hook against DNS rebinding: a page on an attacker's name that
 * re-resolves to 127.0.0.1 talks to this server as its own origin, so the
 * browser lets it read every answer; its Host header still carries the
 * attacker's name. Requests whose Host is not one of the server's names
 * ({@link hostAllowed}) are refused before any route runs.
 *
 * Bound to loopback (the default), every surface is checked: nothing outside
 * this machine reaches it under another name. Bound to another address (a
 * container's 0.0.0.0), the public surfaces (JWKS, discovery, the Cognito JSON
 * API, App Services, /health) answer any Host, so other containers reach the
 * server by service name; the control API, the teaching page and the hosted
 * UI still need a Host of the server's (add a service name with `allowedHosts`).
 *
 * The answer is 403 in the surface's format. 403 rather than 421 Misdirected
 * Request: the server could answer for that name but refuses to (a policy,
 * not a misrouted connection), a client may retry a 421 on another connection
 * (RFC 9110 §15.5.20), and Cognito's nearest error, ForbiddenException, is a
 * 403, so every surface answers with one status.
 *
 * @example
 * app.addHook('onRequest', hostCheck(config));
 */
export function hostCheck(config: Pick<MockIdpConfig, 'host' | 'publicUrl' | 'allowedHosts'>): onRequestHookHandler {
  const allowed = hostAllowed(config);
  const everySurface = isLoopbackHost(config.host);
  return (request, reply, done) => {
    const host = request.headers.host;
    if (allowed(host)) return done();
    const path = request.url.split('?')[0]!;
    if (!everySurface && !isPrivatePath(request.method, path)) return done();
    request.log.warn({ host, url: path }, "request refused: Host is not one of the server's names");
    refuse(request, reply, path, host);
  };
}

function refuse(request: FastifyRequest, reply: FastifyReply, path: string, host: string | undefined): void {
  const message =
    `Host "${host ?? ''}" is not one of this server's names (DNS-rebinding guard); ` +
    'use localhost, 127.0.0.1, the listen address or the public URL, or add the name to allowedHosts (MOCK_IDP_ALLOWED_HOSTS, --allowed-host)';
  if (path === '/' && request.method !== 'GET' && request.method !== 'HEAD') {
    // The Cognito JSON API's error shape (`x-amzn-ErrorType`, `{__type, message}`); ForbiddenException is its 403.
    void reply
      .status(403)
      .header('content-type', 'application/x-amz-json-1.1')
      .header('x-amzn-ErrorType', 'ForbiddenException:')
      .send(Buffer.from(JSON.stringify({ __type: 'ForbiddenException', message })));
    return;
  }
  if (path === '/login' || path === '/logout' || path.startsWith('/oauth2/')) {
    void sendOAuthJson(reply, { error: 'invalid_request', error_description: message }, 403);
    return;
  }
  const body = toErrorBody(new MockIdpError('HOST_NOT_ALLOWED', message));
  void reply.status(body.statusCode).send(body);
}
