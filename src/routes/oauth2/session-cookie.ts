import type { FastifyReply, FastifyRequest } from 'fastify';
import { HostedUiSessions } from '../../cognito/hosted-ui-sessions.js';

/** One cookie per pool and app client, so signing in to one client does not sign in to another. */
export function sessionCookieName(poolId: string, clientId: string): string {
  return `mock-idp-session_${poolId}_${clientId}`;
}

/** The cookie's value, or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, one hour; Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string): void {
  setCookie(request, reply, name, value, HostedUiSessions.lifetimeSeconds);
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', 0);
}

/** Adds a cookie to the answer (HttpOnly, SameSite=Lax, Path=/; Secure over HTTPS); `maxAgeSeconds` null: until the browser closes. */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number | null): void {
  reply.header('set-cookie', cookie(request, name, value, maxAgeSeconds));
}

function cookie(request: FastifyRequest, name: string, value: string, maxAgeSeconds: number | null): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  const maxAge = maxAgeSeconds === null ? '' : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${value}; Path=/${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}
