import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultInfo } from './fault-injector.js';

/**
 * What the JWKS endpoint answers under a fault, after any delay: the status
 * with an API-gateway-style `{"message": …}` body, or a 200 with a faulty
 * body, or (a delay alone) the real key set.
 */
export function faultyJwks(fault: FaultInfo, jwks: string): { status: number; body: string } {
  if (fault.status !== null) return { status: fault.status, body: gatewayError(fault.status) };
  if (fault.body === 'malformed') return { status: 200, body: jwks.slice(0, Math.ceil(jwks.length / 2)) };
  if (fault.body === 'empty') return { status: 200, body: '{"keys":[]}' };
  return { status: 200, body: jwks };
}

/**
 * Answers a JWKS request under `fault`: waits `delayMs` (real time: this is a
 * network fault), then sends {@link faultyJwks}. The answer is never cacheable
 * (`Cache-Control: no-store`, no `ETag`, never a 304), so it cannot poison a
 * verifier's cache. The wait ends early when `closing` aborts (the server is
 * shutting down: 503) or the client disconnects. Logs one line at info level.
 */
export async function replyWithJwksFault(request: FastifyRequest, reply: FastifyReply, fault: FaultInfo, jwks: string, closing: AbortSignal): Promise<FastifyReply> {
  let answer = faultyJwks(fault, jwks);
  let cut: string | undefined;
  if (fault.delayMs > 0) {
    cut = await wait(fault.delayMs, closing, reply);
    if (cut === 'server closing') answer = { status: 503, body: gatewayError(503) };
  }
  const { target, status, delayMs, body, remaining } = fault;
  request.log.info(
    { fault: { target, status, delayMs, body, remaining }, url: request.url, ...(cut ? { delayCutShort: cut } : {}) },
    `injected a JWKS fault: ${answer.status}${body ? ` ${body} body` : ''}${delayMs ? ` after ${delayMs} ms` : ''}`,
  );
  return reply.status(answer.status).header('cache-control', 'no-store').header('access-control-allow-origin', '*').type('application/json').send(answer.body);
}

/** Sleeps `ms`, or less if the server starts closing or the client goes away; says which cut it short. */
async function wait(ms: number, closing: AbortSignal, reply: FastifyReply): Promise<'server closing' | 'client disconnected' | undefined> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  reply.raw.once('close', onClose);
  try {
    await sleep(ms, undefined, { signal: AbortSignal.any([closing, gone.signal]) });
    return undefined;
  } catch (error) {
    if (closing.aborted) return 'server closing';
    if (gone.signal.aborted) return 'client disconnected';
    throw error;
  } finally {
    reply.raw.off('close', onClose);
  }
}

/** The body API Gateway (in front of Cognito's JWKS) sends with an error status. */
function gatewayError(status: number): string {
  return JSON.stringify({ message: STATUS_CODES[status] ?? 'Error' });
}
