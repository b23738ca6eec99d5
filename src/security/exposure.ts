import { isIPv4, isIPv6 } from 'node:net';
import type { MockIdpConfig } from '../config/types.js';

/** Whether a listen host is reachable only from this machine: `localhost`, 127.0.0.0/8, `::1` (or its IPv4-mapped form). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIPv6(h)) return h === '::1' || /^(0{0,4}:){0,5}:?(0{0,4}:)?ffff:127\./.test(h) || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(h);
  return false;
}

/**
 * The warning for a server that anyone on the network can drive: bound to a
 * non-loopback address with no admin token. Null when the setup is safe
 * (loopback, or an admin token guards the control API).
 */
export function exposureWarning(config: Pick<MockIdpConfig, 'host' | 'adminToken'>, listenUrl: string): string | null {
  if (config.adminToken !== null || isLoopbackHost(config.host)) return null;
  return [
    `WARNING: mock-idp listens on ${config.host} (${listenUrl}) without an admin token.`,
    '  Anyone who can reach this address can mint valid tokens for every pool, rotate and retire',
    '  keys, move the clock and read client secrets and user passwords (GET /_mock/pools).',
    '  Set an admin token (--admin-token or MOCK_IDP_ADMIN_TOKEN) to require it on /_mock/*,',
    '  or listen on 127.0.0.1 (the default).',
  ].join('\n');
}
