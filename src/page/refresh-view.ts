/**
 * The Time panel's refresh-token section: a fixture user signs in with a
 * client of the default pool that rotates refresh tokens, then refreshes
 * through the Cognito JSON API as Amplify v6 does (GetTokensFromRefreshToken).
 * Each call's outcome is listed: the new refresh token's fingerprint, a
 * replaced token still accepted within the client's grace period (and how long
 * it has left), or the exception Cognito answers with.
 */
import { api, ApiError } from './api.js';
import { serverNowMs } from './clock-view.js';
import { byId, h, show } from './dom.js';
import { emit, poolById, state } from './state.js';
import type { ClientInfo } from './wire.js';

/** Which refresh token to refresh with: the sign-in's first one, or the one the last answer gave. */
export type WhichRefreshToken = 'first' | 'newest';

interface Rotation {
  client: ClientInfo;
  username: string;
  first: string;
  newest: string;
  /** When each replaced refresh token was replaced, on the server's clock (epoch ms). */
  replacedAt: Map<string, number>;
}

let rotation: Rotation | null = null;

/**
 * A short label telling refresh tokens apart (FNV-1a, 32 bits): not a secret
 * and not a security check, so no WebCrypto, which plain-HTTP LAN hosts lack.
 *
 * @example
 * fingerprint(token) // '#3f9a0c12'
 */
export function fingerprint(token: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), 0x01000193);
  return `#${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

function log(outcome: 'signed-in' | 'rotated' | 'grace' | 'rejected', ...text: Array<string | Node>): void {
  byId('refresh-log').append(h('li', { 'data-outcome': outcome }, ...text));
}

const code = (text: string) => h('code', {}, text);

/**
 * Signs a fixture user (alice when the pool has her) in with the default
 * pool's first client that rotates refresh tokens, and starts a new list.
 */
export async function signInWithRotation(): Promise<void> {
  const pool = poolById(state.defaultPool);
  const client = pool.clients.find((c) => c.refreshTokenRotation);
  if (!client) {
    throw new Error(`the default pool ${pool.id} has no client with refresh-token rotation: give one "refreshTokenRotation": true in the config file (the default config's "rotating" client has it)`);
  }
  const user = pool.users.find((u) => u.username === 'alice') ?? pool.users.find((u) => u.enabled && u.status === 'CONFIRMED');
  if (!user) throw new Error(`the default pool ${pool.id} has no user who can sign in`);
  const answer = await api.signIn(client.id, user.username, user.password);
  const token = answer.AuthenticationResult?.RefreshToken;
  if (!token) throw new Error(`the sign-in of ${user.username} asked for ${answer.ChallengeName ?? 'something else'} instead of giving tokens`);
  rotation = { client, username: user.username, first: token, newest: token, replacedAt: new Map() };
  byId('refresh-rotation').hidden = false;
  const about = byId('refresh-client');
  about.textContent = `${user.username}, client ${client.name}: rotation on, grace period ${client.refreshTokenRetryGracePeriodSeconds} s.`;
  about.title = `client id ${client.id}`;
  show(byId('refresh-log'));
  log('signed-in', 'Signed in: refresh token ', code(fingerprint(token)), '.');
  emit('signed-in');
}

/**
 * GetTokensFromRefreshToken with the first or the newest refresh token; the
 * outcome joins the list. Cognito's refusals are outcomes too; only a failure
 * to reach the server throws.
 */
export async function refreshWith(which: WhichRefreshToken): Promise<void> {
  if (!rotation) throw new Error('sign in first: there is no refresh token yet');
  const current = rotation;
  const token = which === 'first' ? current.first : current.newest;
  const replacedAt = current.replacedAt.get(token);
  let answer;
  try {
    answer = await api.refreshTokens(current.client.id, token);
  } catch (error) {
    emit('signed-in');
    if (!(error instanceof ApiError) || error.status === 0 || error.code === 'NOT_JSON') throw error;
    log('rejected', 'Refresh with ', code(fingerprint(token)), ': ', h('strong', {}, error.code), `: ${error.message}`);
    return;
  }
  emit('signed-in');
  const now = serverNowMs();
  const fresh = answer.AuthenticationResult.RefreshToken;
  if (!fresh) {
    log('rotated', 'Refresh with ', code(fingerprint(token)), ': no new refresh token (this client does not rotate).');
    return;
  }
  // The server replaces the sign-in's current token on every refresh, a retry with an older one included.
  if (!current.replacedAt.has(current.newest)) current.replacedAt.set(current.newest, now);
  current.newest = fresh;
  const grace = current.client.refreshTokenRetryGracePeriodSeconds;
  if (replacedAt === undefined) {
    log('rotated', 'Refresh with ', code(fingerprint(token)), ': new refresh token ', code(fingerprint(fresh)), ` (the old one works ${grace} s more).`);
  } else {
    const left = Math.max(0, Math.ceil((grace * 1000 - (now - replacedAt)) / 1000));
    log('grace', 'Refresh with ', code(fingerprint(token)), `: old token still accepted (grace period, ${left} s left); new refresh token `, code(fingerprint(fresh)), '.');
  }
}
