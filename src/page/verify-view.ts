import { api } from './api.js';
import { byId, h, setOptions, show, showError } from './dom.js';
import { appServicesChecks, codeAdvice } from './explanations.js';
import { on, poolById, scenarioByName, state } from './state.js';
import { showTab } from './tabs.js';
import type { LoginOutcome } from './types.js';
import type { CheckRow, TokenUse, VerifyReport } from './wire.js';

const statusText: Record<CheckRow['status'], string> = { passed: '✓ passed', failed: '✗ failed', skipped: '– not reached' };

const form = () => ({
  token: byId<HTMLTextAreaElement>('verify-token'),
  pool: byId<HTMLSelectElement>('verify-pool'),
  client: byId<HTMLSelectElement>('verify-client'),
  tokenUse: byId<HTMLSelectElement>('verify-token-use'),
});

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
}

/** Runs the form's token through `POST /_mock/verify` and shows a row per check. */
export async function verifyToken(): Promise<VerifyReport> {
  const f = form();
  const error = byId('verify-error');
  showError(error, null);
  try {
    const report = await api.verify({ token: f.token.value.trim(), pool: f.pool.value, client: f.client.value, tokenUse: f.tokenUse.value as TokenUse });
    renderReport(report, f.token.value.trim());
    return report;
  } catch (e) {
    showError(error, (e as Error).message);
    throw e;
  }
}

function renderReport(report: VerifyReport, token: string): void {
  const { verdict } = report;
  const scenario = state.minted?.token === token ? scenarioByName(state.minted.scenario) : undefined;
  const advice: HTMLElement[] = [];
  const agrees = scenario !== undefined && JSON.stringify(verdict.accept ? { accept: true } : { accept: false, code: verdict.code }) === JSON.stringify(scenario.expected);
  if (scenario) {
    advice.push(
      h('p', { class: 'explanation', id: 'verify-explanation' }, `Scenario “${scenario.title}”: ${scenario.explanation}`),
      h('p', {}, agrees ? 'This is the verdict the scenario table expects.' : 'The scenario table expects another verdict for a token verified like this (another client or token type).'),
    );
  }
  if (!verdict.accept || scenario) {
    advice.push(
      h(
        'div',
        { class: 'advice', id: 'verify-advice' },
        h('h4', {}, 'What to do about it'),
        scenario ? h('p', {}, scenario.advice) : null,
        // The scenario's advice covers its own code; another code (or a pasted token) gets the code's advice.
        !verdict.accept && !agrees && codeAdvice[verdict.code] ? h('p', {}, `${verdict.code}: ${codeAdvice[verdict.code]}`) : null,
      ),
    );
  }
  show(
    byId('verify-result'),
    h(
      'p',
      { class: `verdict ${verdict.accept ? 'accepted' : 'rejected'}`, id: 'verify-verdict', 'data-code': verdict.accept ? 'ACCEPTED' : verdict.code },
      verdict.accept ? 'mock-idp/verifier accepts the token.' : `mock-idp/verifier rejects the token: ${verdict.code}`,
    ),
    h(
      'table',
      { id: 'verify-checks' },
      h('caption', {}, 'Checks in the verifier\'s order; it stops at the first failure'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'result'), h('th', { scope: 'col' }, 'check'), h('th', { scope: 'col' }, 'what the token says'))),
      h(
        'tbody',
        {},
        ...report.checks.map((row) =>
          h(
            'tr',
            { class: row.status, 'data-check': row.id, 'data-status': row.status },
            h('td', { class: 'status' }, statusText[row.status]),
            h('th', { scope: 'row' }, row.label),
            h('td', {}, row.detail, row.message ? h('strong', {}, ` ${row.code}: ${row.message}`) : null),
          ),
        ),
      ),
    ),
    ...advice,
    h(
      'p',
      { class: 'note' },
      `Verifier: issuer ${report.verifier.issuer}, client ${report.verifier.clientId}, token use ${report.verifier.tokenUse}, keys from ${report.verifier.jwksUri}, server time ${report.verifier.now}.`,
    ),
  );
  // On a projector the failing row is what the room should see.
  byId('verify-result').querySelector('tr.failed')?.scrollIntoView({ block: 'center' });
}

/** Sends the form's token to the chosen app's App Services login and shows what it answered. */
export async function appServicesLogin(): Promise<LoginOutcome> {
  const appId = byId<HTMLSelectElement>('app-services-app').value;
  const token = form().token.value.trim();
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
    return outcome;
  } catch (e) {
    show(result, h('p', { class: 'error', role: 'alert' }, (e as Error).message));
    throw e;
  }
}

/** The Verify panel: the project's verifier, row by row, and the App Services login. */
export function initVerifyView(): void {
  const f = form();
  setOptions(f.pool, state.pools.map((p) => ({ value: p.id, label: p.id })), state.defaultPool);
  fillClients();
  f.pool.addEventListener('change', fillClients);
  byId('verify-form').addEventListener('submit', (event) => {
    event.preventDefault();
    verifyToken().catch(() => {});
  });
  byId('mint-verify-button').addEventListener('click', () => {
    showTab('verify');
    useMintedToken();
    verifyToken().catch(() => {});
  });
  on('minted', () => {
    useMintedToken();
    show(byId('app-services-result'));
  });

  const apps = state.apps.filter((a) => a.provider && !a.provider.disabled);
  setOptions(byId<HTMLSelectElement>('app-services-app'), apps.map((a) => ({ value: a.appId, label: `${a.appId} (${a.provider!.signingAlgorithm})` })));
  byId<HTMLButtonElement>('app-services-button').disabled = apps.length === 0;
  byId('app-services-form').addEventListener('submit', (event) => {
    event.preventDefault();
    appServicesLogin().catch(() => {});
  });
  show(byId('app-services-checks'), ...appServicesChecks.map((text) => h('li', {}, text)));
}
