import { api } from './api.js';
import { whileBusy } from './busy.js';
import { decodedView } from './decode-view.js';
import { byId, formatTime, h, setOptions, show, showError } from './dom.js';
import { appServicesChecks, bearerStripped, codeAdvice, emptyToken, foreignIssuerAdvice } from './explanations.js';
import { decodeToken } from './jwt.js';
import { mintedEdits } from './mint-view.js';
import { on, poolById, scenarioByName, state } from './state.js';
import { showTab } from './tabs.js';
import type { LoginOutcome } from './types.js';
import type { CheckRow, PoolInfo, TokenUse, VerifyReport } from './wire.js';

const statusText: Record<CheckRow['status'], string> = { passed: '✓ passed', failed: '✗ failed', skipped: '– not reached' };

const form = () => ({
  token: byId<HTMLTextAreaElement>('verify-token'),
  pool: byId<HTMLSelectElement>('verify-pool'),
  client: byId<HTMLSelectElement>('verify-client'),
  tokenUse: byId<HTMLSelectElement>('verify-token-use'),
});

/** The token each result shown is for (null: none shown): a result for another token than the box's is greyed. */
const resultFor: { verify: string | null; appServices: string | null } = { verify: null, appServices: null };

/** Whether the last edit of the box took "Bearer " off (said until the box gets another token). */
let strippedBearer = false;

/** The box's token, as the verifier gets it. */
const boxToken = () => form().token.value.trim();

function fillClients(): void {
  const f = form();
  setOptions(f.client, poolById(f.pool.value).clients.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` })));
}

/** Sets the expected token type (a lesson step does this to verify a token as the other kind). */
export function setExpectedTokenUse(tokenUse: TokenUse): void {
  form().tokenUse.value = tokenUse;
}

/** Puts the token last minted in the form, with what its app expects. */
export function useMintedToken(): void {
  const f = form();
  if (!state.minted || !state.expectation) return;
  f.token.value = state.minted.token;
  f.pool.value = state.expectation.pool;
  fillClients();
  f.client.value = state.expectation.client;
  f.tokenUse.value = state.expectation.tokenUse;
  strippedBearer = false;
  tokenChanged();
}

/** The pool whose issuer the token names, or null; `foreign` when it names an issuer none of this server's pools has. */
function issuerOf(payload: Record<string, unknown> | null): { iss: string; pool: PoolInfo | null } | null {
  if (typeof payload?.iss !== 'string') return null;
  return { iss: payload.iss, pool: state.pools.find((p) => p.issuer === payload.iss) ?? null };
}

/** What the token says it is for: its pool (by iss), client (aud or client_id) and type (token_use), where this server has them. */
function targetOf(payload: Record<string, unknown> | null): { pool: string; client: string | null; tokenUse: TokenUse | null } | null {
  const pool = issuerOf(payload)?.pool;
  if (!payload || !pool) return null;
  const tokenUse = payload.token_use === 'id' || payload.token_use === 'access' ? payload.token_use : null;
  const aud: unknown = Array.isArray(payload.aud) ? (payload.aud as unknown[])[0] : payload.aud;
  const named: unknown = tokenUse === 'access' || (tokenUse === null && payload.client_id !== undefined) ? payload.client_id : aud;
  const client = pool.clients.find((c) => c.id === named)?.id ?? null;
  return { pool: pool.id, client, tokenUse };
}

/** Fills pool, client and token type from the box's token (`iss`, `aud`/`client_id`, `token_use`). */
export function fillFromToken(): void {
  const target = targetOf(decodeToken(boxToken()).payload);
  if (!target) return;
  const f = form();
  f.pool.value = target.pool;
  fillClients();
  if (target.client) f.client.value = target.client;
  if (target.tokenUse) f.tokenUse.value = target.tokenUse;
  pasteHelp();
}

/**
 * Help for the box's token, as it is typed or pasted: "empty", "Bearer "
 * taken off, "from another issuer" first when its iss is none of this
 * server's pools, a button that sets the form from the token, and the token
 * decoded (not verified).
 */
function pasteHelp(): void {
  const f = form();
  const status = byId('verify-paste-status');
  const details = byId('verify-paste-details');
  const token = boxToken();
  if (token === '') {
    strippedBearer = false;
    status.textContent = emptyToken;
    status.dataset.state = 'empty';
    return show(details);
  }
  const decoded = decodeToken(token);
  const issuer = issuerOf(decoded.payload);
  const lines: HTMLElement[] = [];
  if (issuer && !issuer.pool) lines.push(h('strong', { id: 'verify-foreign' }, `This token is from another issuer: ${issuer.iss}. `));
  if (strippedBearer) lines.push(h('span', { id: 'verify-bearer' }, `${bearerStripped} `));
  if (!decoded.parts) lines.push(h('span', {}, `Not a JWT: ${token.split('.').length} part(s) separated by dots; a JWT has 3.`));
  show(status, ...lines);
  status.dataset.state = issuer && !issuer.pool ? 'foreign' : decoded.parts ? 'token' : 'malformed';

  const target = targetOf(decoded.payload);
  const differs = target && (target.pool !== f.pool.value || (target.client && target.client !== f.client.value) || (target.tokenUse && target.tokenUse !== f.tokenUse.value));
  const fill = differs
    ? h(
        'button',
        { type: 'button', class: 'secondary small', id: 'verify-fill' },
        `Use pool ${target.pool}${target.client ? `, client ${target.client}` : ''}${target.tokenUse ? `, ${target.tokenUse === 'id' ? 'ID' : 'access'} token` : ''} (from the token)`,
      )
    : null;
  show(
    details,
    issuer && !issuer.pool ? h('p', { class: 'explanation', id: 'verify-foreign-advice' }, foreignIssuerAdvice) : null,
    target && !differs ? h('p', { class: 'note', id: 'verify-matches' }, 'The form matches the token\'s iss, aud or client_id, and token_use.') : null,
    fill,
    decoded.parts ? pasteSummary(decoded.header, decoded.payload) : null,
    decoded.parts ? h('details', { class: 'pasted', id: 'verify-decoded' }, h('summary', {}, 'Every field, explained'), decodedView(token, { idPrefix: 'pasted' })) : null,
  );
}

/** The claims that decide a verdict, decoded (not verified) as the token is typed, with times as dates. */
function pasteSummary(header: Record<string, unknown> | null, payload: Record<string, unknown> | null): HTMLElement {
  const rows: Array<[string, unknown]> = [
    ['alg', header?.alg],
    ['kid', header?.kid],
    ['iss', payload?.iss],
    ['token_use', payload?.token_use],
    [payload?.client_id !== undefined ? 'client_id' : 'aud', payload?.client_id ?? payload?.aud],
    ['sub', payload?.sub],
    ['iat', payload?.iat],
    ['exp', payload?.exp],
  ];
  const text = (name: string, value: unknown) =>
    value === undefined ? 'absent' : (name === 'iat' || name === 'exp') && typeof value === 'number' ? `${value} (${formatTime(value * 1000)})` : JSON.stringify(value);
  return h(
    'dl',
    { class: 'paste-summary', id: 'verify-paste-summary', 'aria-label': 'The token decoded (not verified)' },
    ...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', { 'data-claim': name }, text(name, value))]),
  );
}

const staleWords = { verify: 'For the previous token: verify again.', appServices: 'For the previous token: log in again.' } as const;

/** Greys each result whose token is no longer the box's, with a note saying so. */
function markStale(): void {
  const token = boxToken();
  for (const [which, id] of [
    ['verify', 'verify-result'],
    ['appServices', 'app-services-result'],
  ] as const) {
    const box = byId(id);
    const stale = resultFor[which] !== null && resultFor[which] !== token;
    box.classList.toggle('stale', stale);
    const note = box.querySelector('.stale-note');
    if (stale && !note) box.prepend(h('p', { class: 'stale-note', 'data-stale-note': which }, staleWords[which]));
    if (!stale) note?.remove();
  }
}

/** The box has another token (typed, pasted, minted): "Bearer " off, help redone, older results greyed. */
function tokenChanged(): void {
  const box = form().token;
  const bearer = /^\s*bearer\s+/i;
  if (bearer.test(box.value)) {
    box.value = box.value.replace(bearer, '');
    strippedBearer = true;
  }
  pasteHelp();
  markStale();
}

/** Runs the form's token through `POST /_mock/verify` and shows a row per check. */
export async function verifyToken(): Promise<VerifyReport> {
  const f = form();
  const error = byId('verify-error');
  showError(error, null);
  tokenChanged();
  const token = boxToken();
  // One message for an empty box: the paste help's "Empty" (the server would only add MALFORMED).
  if (token === '') throw new Error(emptyToken);
  try {
    const report = await whileBusy(byId<HTMLButtonElement>('verify-button'), () =>
      api.verify({ token, pool: f.pool.value, client: f.client.value, tokenUse: f.tokenUse.value as TokenUse }),
    );
    renderReport(report, token);
    return report;
  } catch (e) {
    showError(error, (e as Error).message);
    throw e;
  }
}

function checkRow(row: CheckRow): HTMLElement {
  const would = row.status === 'skipped' && row.wouldAlsoFail === true;
  return h(
    'tr',
    { class: would ? `${row.status} would-fail` : row.status, 'data-check': row.id, 'data-status': row.status, 'data-would-fail': would ? 'true' : null },
    h('td', { class: 'status' }, statusText[row.status], would ? h('strong', { class: 'would-fail-mark' }, ' would also fail') : null),
    h('th', { scope: 'row' }, row.label),
    h('td', {}, row.detail, row.message ? h('strong', {}, ` ${row.code}: ${row.message}`) : null),
  );
}

function renderReport(report: VerifyReport, token: string): void {
  const { verdict } = report;
  const edits = state.minted?.token === token ? mintedEdits() : null;
  const scenario = state.minted?.token === token && !edits ? scenarioByName(state.minted.scenario) : undefined;
  const issuer = issuerOf(decodeToken(token).payload);
  const foreign = issuer !== null && issuer.pool === null;
  const advice: HTMLElement[] = [];
  const agrees = scenario !== undefined && JSON.stringify(verdict.accept ? { accept: true } : { accept: false, code: verdict.code }) === JSON.stringify(scenario.expected);
  if (scenario) {
    advice.push(
      h('p', { class: 'explanation', id: 'verify-explanation' }, `Scenario “${scenario.title}”: ${scenario.explanation}`),
      h('p', {}, agrees ? 'This is the verdict the scenario table expects.' : 'The scenario table expects another verdict for a token verified like this (another client or token type).'),
    );
  }
  if (edits) advice.push(h('p', { id: 'verify-edited' }, 'This token was minted with edited claims: the verdict above is the edited token\'s, not the scenario\'s.'));
  if (!verdict.accept || scenario) {
    advice.push(
      h(
        'div',
        { class: 'advice', id: 'verify-advice' },
        h('h4', {}, 'What to do about it'),
        scenario ? h('p', {}, scenario.advice) : null,
        // Another issuer's token: what to check, not UNKNOWN_KID's "refetch the JWKS".
        foreign ? h('p', {}, foreignIssuerAdvice) : null,
        // The scenario's advice covers its own code; another code (or a pasted token) gets the code's advice.
        !foreign && !verdict.accept && !agrees && codeAdvice[verdict.code] ? h('p', {}, `${verdict.code}: ${codeAdvice[verdict.code]}`) : null,
      ),
    );
  }
  const would = report.checks.filter((r) => r.wouldAlsoFail && r.status === 'skipped');
  show(
    byId('verify-result'),
    foreign ? h('p', { class: 'foreign', id: 'verify-foreign-verdict' }, `This token is from another issuer: ${issuer.iss}. None of this server's pools issued it.`) : null,
    h(
      'p',
      { class: `verdict ${verdict.accept ? 'accepted' : 'rejected'}`, id: 'verify-verdict', 'data-code': verdict.accept ? 'ACCEPTED' : verdict.code, tabindex: -1 },
      verdict.accept ? 'mock-idp/verifier accepts the token.' : `mock-idp/verifier rejects the token: ${verdict.code}`,
    ),
    would.length ? h('p', { class: 'note', id: 'verify-would-fail' }, `Fixing that is not enough: ${would.map((r) => r.label).join(', ')} would also fail.`) : null,
    h(
      'table',
      { id: 'verify-checks' },
      h('caption', {}, 'Checks in the verifier\'s order; it stops at the first failure'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'result'), h('th', { scope: 'col' }, 'check'), h('th', { scope: 'col' }, 'what the token says'))),
      h('tbody', {}, ...report.checks.map(checkRow)),
    ),
    ...advice,
    h(
      'p',
      { class: 'note' },
      `Verifier: issuer ${report.verifier.issuer}, client ${report.verifier.clientId}, token use ${report.verifier.tokenUse}, keys from ${report.verifier.jwksUri}, server time ${report.verifier.now}.`,
    ),
  );
  resultFor.verify = token;
  markStale();
  // On a projector the failing row is what the room should see.
  byId('verify-result').querySelector('tr.failed')?.scrollIntoView({ block: 'center' });
}

/** Sends the form's token to the chosen app's App Services login and shows what it answered. */
export async function appServicesLogin(): Promise<LoginOutcome> {
  const appId = byId<HTMLSelectElement>('app-services-app').value;
  tokenChanged();
  const token = boxToken();
  const result = byId('app-services-result');
  try {
    const outcome = await api.appServicesLogin(appId, token);
    const ok = outcome.status === 200 && outcome.body?.user_id;
    show(
      result,
      h(
        'p',
        { class: `verdict ${ok ? 'accepted' : 'rejected'}`, id: 'app-services-verdict', 'data-status': outcome.status },
        ok
          ? `App Services accepts the token: logged in as user ${outcome.body!.user_id}.`
          : `App Services refuses the token: ${outcome.status} ${outcome.body?.error_code ?? ''}: ${outcome.body?.error ?? 'no message'}.`,
      ),
      ok && outcome.profile?.data
        ? h('p', {}, 'Profile data mapped from the token\'s metadata fields: ', h('code', {}, JSON.stringify(outcome.profile.data)))
        : null,
    );
    resultFor.appServices = token;
    markStale();
    return outcome;
  } catch (e) {
    show(result, h('p', { class: 'error', role: 'alert' }, (e as Error).message));
    resultFor.appServices = null;
    markStale();
    throw e;
  }
}

/** The Verify panel: the project's verifier, row by row, and the App Services login. */
export function initVerifyView(): void {
  const f = form();
  setOptions(f.pool, state.pools.map((p) => ({ value: p.id, label: p.id })), state.defaultPool);
  fillClients();
  f.pool.addEventListener('change', () => {
    fillClients();
    pasteHelp();
  });
  f.client.addEventListener('change', pasteHelp);
  f.tokenUse.addEventListener('change', pasteHelp);
  f.token.addEventListener('input', () => {
    strippedBearer = false;
    tokenChanged();
  });
  byId('verify-paste-details').addEventListener('click', (event) => {
    if ((event.target as Element).closest('#verify-fill')) {
      fillFromToken();
      f.tokenUse.focus();
    }
  });
  byId('verify-form').addEventListener('submit', (event) => {
    event.preventDefault();
    verifyToken().catch(() => {});
  });
  byId('mint-verify-button').addEventListener('click', () => {
    showTab('verify');
    useMintedToken();
    // The button is on the Mint panel, now hidden: focus goes to the verdict. It sticks to the top of the screen,
    // above the failed row scrolled into view; with no failed row it is scrolled into view itself (e.g. on a phone).
    verifyToken()
      .then(() => {
        const verdict = byId('verify-verdict');
        if (!byId('verify-result').querySelector('tr.failed')) verdict.scrollIntoView({ block: 'nearest' });
        verdict.focus({ preventScroll: true });
      })
      .catch(() => {});
  });
  on('minted', useMintedToken);
  pasteHelp();

  const apps = state.apps.filter((a) => a.provider && !a.provider.disabled);
  setOptions(byId<HTMLSelectElement>('app-services-app'), apps.map((a) => ({ value: a.appId, label: `${a.appId} (${a.provider!.signingAlgorithm})` })));
  byId<HTMLButtonElement>('app-services-button').disabled = apps.length === 0;
  byId('app-services-form').addEventListener('submit', (event) => {
    event.preventDefault();
    appServicesLogin().catch(() => {});
  });
  show(byId('app-services-checks'), ...appServicesChecks.map((text) => h('li', {}, text)));
}
