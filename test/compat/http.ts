/**
 * The compat tests drive the mock only through its HTTP surface, as a user's
 * test suite would: pools from `GET /_mock/pools`, tokens from `POST /_mock/tokens`.
 */
import type { Test } from 'tap';
import type { TokenUse } from '../../src/config/types.js';
import { call, type TestIdp } from '../helpers/idp.js';
import type { VerifyOptions } from './verifiers.js';

export interface PoolTarget {
  pool: string;
  /** The pool's first app client (what the mock mints for by default). */
  clientId: string;
  issuer: string;
  jwksUri: string;
}

/** A pool's issuer, JWKS URI and first client, as `GET /_mock/pools` publishes them (default pool when omitted). */
export async function poolTarget(t: Test, idp: TestIdp, poolId?: string): Promise<PoolTarget> {
  const res = await call(idp, 'GET', '/_mock/pools');
  t.equal(res.status, 200, 'GET /_mock/pools');
  const id = poolId ?? (res.body.defaultPool as string);
  const pool = (res.body.pools as Array<{ id: string; issuer: string; jwksUri: string; clients: Array<{ id: string }> }>).find((p) => p.id === id);
  if (!pool) throw new Error(`the mock has no pool ${id}`);
  return { pool: pool.id, clientId: pool.clients[0]!.id, issuer: pool.issuer, jwksUri: pool.jwksUri };
}

export function verifyOptions(target: PoolTarget, tokenUse: TokenUse): VerifyOptions {
  return { issuer: target.issuer, clientId: target.clientId, tokenUse, jwksUri: target.jwksUri };
}

export interface Minted {
  token: string;
  expected: unknown;
  signedWith: { kid: string; state: string } | null;
}

/** `POST /_mock/tokens` for the target's pool and client; the raw response, so callers can handle 409s. */
export async function mintRequest(idp: TestIdp, target: PoolTarget, body: { tokenUse: TokenUse; scenario?: string }) {
  return call(idp, 'POST', '/_mock/tokens', { pool: target.pool, client: target.clientId, ...body });
}

/** `POST /_mock/tokens`, expecting 200. */
export async function mint(t: Test, idp: TestIdp, target: PoolTarget, body: { tokenUse: TokenUse; scenario?: string }): Promise<Minted> {
  const res = await mintRequest(idp, target, body);
  t.equal(res.status, 200, `minted ${body.scenario ?? 'valid'} ${body.tokenUse} token`);
  return res.body as Minted;
}

/** The kids the pool's JWKS publishes now, fetched outside any verifier (so no adapter counts it). */
export async function publishedKids(idp: TestIdp, target: PoolTarget): Promise<string[]> {
  const res = await call(idp, 'GET', `/${target.pool}/.well-known/jwks.json`);
  return (res.body.keys as Array<{ kid: string }>).map((k) => k.kid);
}
