import { formatTime, h } from './dom.js';
import { explainClaim, headerFields } from './explanations.js';
import { decodeToken } from './jwt.js';

const timeClaims = new Set(['exp', 'iat', 'nbf', 'auth_time']);

/** The token in its three coloured parts, and a legend naming them. */
export function tokenParts(token: string): HTMLElement[] {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return [
    h(
      'p',
      { class: 'token', id: 'token-parts' },
      h('span', { class: 'jwt-header' }, header),
      h('span', { class: 'jwt-dot' }, '.'),
      h('span', { class: 'jwt-payload' }, payload),
      h('span', { class: 'jwt-dot' }, '.'),
      h('span', { class: 'jwt-signature' }, signature || '(empty signature)'),
    ),
    h(
      'ul',
      { class: 'legend' },
      h('li', { class: 'jwt-header' }, 'header'),
      h('li', { class: 'jwt-payload' }, 'payload (claims)'),
      h('li', { class: 'jwt-signature' }, 'signature'),
    ),
  ];
}

function claimValue(name: string, value: unknown): string {
  const json = JSON.stringify(value);
  return timeClaims.has(name) && typeof value === 'number' ? `${json} (${formatTime(value * 1000)})` : json;
}

function claimTable(caption: string, className: string, id: string, fields: Record<string, unknown>, explain: (name: string) => string | null): HTMLTableElement {
  return h(
    'table',
    { id },
    h('caption', { class: className }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'field'), h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'what it is for'))),
    h(
      'tbody',
      {},
      ...Object.entries(fields).map(([name, value]) =>
        h('tr', { 'data-claim': name }, h('th', { scope: 'row' }, h('code', {}, name)), h('td', { class: 'value' }, claimValue(name, value)), h('td', {}, explain(name) ?? '')),
      ),
    ),
  );
}

/**
 * The header and payload, decoded in the browser from the token itself (as
 * anyone holding it can), each field with what it is for. Decoding is not
 * verifying: the Verify panel does that.
 */
export function decodedView(token: string): HTMLElement {
  const decoded = decodeToken(token);
  const missing = (id: string, what: string) => h('p', { id }, `The ${what} does not decode as a JSON object.`);
  return h(
    'div',
    { class: 'decoded' },
    decoded.header ? claimTable('Header', 'jwt-header', 'decoded-header', decoded.header, (name) => headerFields[name] ?? null) : missing('decoded-header', 'header'),
    decoded.payload ? claimTable('Payload', 'jwt-payload', 'decoded-payload', decoded.payload, explainClaim) : missing('decoded-payload', 'payload'),
  );
}
