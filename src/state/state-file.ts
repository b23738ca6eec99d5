import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import type { SignInsState } from '../cognito/sign-ins.js';
import type { Pool } from '../directory/pool.js';
import { MockIdpError } from '../errors.js';

/**
 * `state.json` in the state dir: every pool with its settings, clients (and
 * their secrets), users (with passwords), groups, domain, resource servers and
 * identity providers; users' dates; the refresh-token sessions; and the key
 * that encrypts refresh tokens. Keys live beside it in `keys.json`. It holds
 * secrets: it is written readable by its owner only; keep it out of version control.
 */
export interface StateFileContents {
  format: 'mock-idp-state';
  version: 1;
  warning: string;
  pools: Pool[];
  /** `[pool, username, created ms, modified ms]`. */
  userDates: Array<[string, string, number, number]>;
  signIns: SignInsState;
  /** The private key refresh tokens are encrypted to. */
  refreshTokenKey: JWK;
}

export const stateFileName = 'state.json';

/** The state file's contents, or null when there is none yet (a first start). INVALID_STATE_FILE when it cannot be used. */
export async function readStateFile(path: string): Promise<StateFileContents | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MockIdpError('INVALID_STATE_FILE', `cannot read state file ${path}: ${(error as Error).message}`);
  }
  return parseState(text, path);
}

/** Parses a state file's text; INVALID_STATE_FILE (naming the file and what is wrong, never quoting its contents) when it is not one. */
export function parseState(text: string, path: string): StateFileContents {
  const fail = (why: string): never => {
    throw new MockIdpError('INVALID_STATE_FILE', `state file ${path}: ${why} (move it away to start from the configuration)`);
  };
  let data: Partial<StateFileContents>;
  try {
    data = JSON.parse(text) as Partial<StateFileContents>;
  } catch {
    // The parser's message quotes the text around the error, which may be a password or a key: not repeated here.
    return fail('not valid JSON');
  }
  if (data?.format !== 'mock-idp-state' || data.version !== 1) fail('not a mock-idp state file (expected "format": "mock-idp-state", "version": 1)');
  if (!Array.isArray(data.pools) || !data.pools.every((p) => typeof p?.id === 'string' && Array.isArray(p.users) && Array.isArray(p.clients))) {
    fail('"pools" must be a list of pools, each with an id, users and clients');
  }
  if (!Array.isArray(data.userDates)) fail('"userDates" must be a list');
  if (!Array.isArray(data.signIns?.sessions) || !Array.isArray(data.signIns?.signedOutAt)) fail('"signIns" must hold "sessions" and "signedOutAt" lists');
  if (typeof data.refreshTokenKey?.kty !== 'string') fail('"refreshTokenKey" must be a private JWK');
  return data as StateFileContents;
}
