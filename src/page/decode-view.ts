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

function claimTable(
  caption: string,
  className: string,
  id: string,
  fields: Record<string, unknown>,
  explain: (name: string) => string | null,
  edited: ReadonlySet<string> = new Set(),
): HTMLTableElement {
  return h(
    'table',
    { id },
    h('caption', { class: className }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'field'), h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'what it is for'))),
    h(
      'tbody',
      {},
      ...Object.entries(fields).map(([name, value]) =>
        h(
          'tr',
          { 'data-claim': name, class: edited.has(name) ? 'edited' : null, 'data-edited': edited.has(name) ? 'true' : null },
          h('th', { scope: 'row' }, h('code', {}, name), edited.has(name) ? h('span', { class: 'edited-mark' }, ' (edited)') : null),
          h('td', { class: 'value' }, claimValue(name, value)),
          h('td', {}, explain(name) ?? ''),
        ),
      ),
    ),
  );
}

/**
 * The header and payload, decoded in the browser from the token itself (as
 * anyone holding it can), each field with what it is for. Decoding is not
 * verifying: the Verify panel does that. `idPrefix` names the two tables
 * (`decoded-header`, `decoded-payload` by default); claims in `edited` are
 * marked, for a token minted with edited claims.
 */
export function decodedView(token: string, { idPrefix = 'decoded', edited = new Set<string>() }: { idPrefix?: string; edited?: ReadonlySet<string> } = {}): HTMLElement {
  const decoded = decodeToken(token);
  const missing = (id: string, what: string) => h('p', { id }, `The ${what} does not decode as a JSON object.`);
  const headerId = `${idPrefix}-header`;
  const payloadId = `${idPrefix}-payload`;
  return h(
    'div',
    { class: 'decoded' },
    decoded.header ? claimTable('Header', 'jwt-header', headerId, decoded.header, (name) => headerFields[name] ?? null) : missing(headerId, 'header'),
    decoded.payload ? claimTable('Payload', 'jwt-payload', payloadId, decoded.payload, explainClaim, edited) : missing(payloadId, 'payload'),
  );
}
