/**
 * The Triggers panel: the journal of the pools' trigger functions
 * (`GET /_mock/triggers`), newest first. Each invocation shows the trigger, its
 * source, the function, the outcome (ok, or the Cognito exception the caller
 * got) and the time it took; expanding it shows the event sent and what the
 * function returned, and for pre token generation what that changed in the
 * tokens. A sign-in form runs the triggers from the page, through Cognito's
 * InitiateAuth, as an app does.
 */
import { api, ApiError } from './api.js';
import { byId, formatTime, h, setOptions, show, showError } from './dom.js';
import { on, poolById, state } from './state.js';
import { currentTab, onTabShown } from './tabs.js';
import { describeChange, tokenChanges } from './trigger-changes.js';
import type { TriggerInvocationInfo } from './wire.js';

/** How often the panel rereads the journal while it is shown (sign-ins from an app show up without a click). */
const pollMs = 5000;

/** Where the triggers guide is: named, not linked (the page's code points at no other origin). */
export const triggersGuidePath = 'docs/guides/triggers.md';

const allPools = '';
const poolSelect = () => byId<HTMLSelectElement>('triggers-pool');
const signInForm = () => ({
  pool: byId<HTMLSelectElement>('trigger-sign-in-pool'),
  client: byId<HTMLSelectElement>('trigger-sign-in-client'),
  user: byId<HTMLSelectElement>('trigger-sign-in-user'),
});

/** `ok`, or the exception: `UserLambdaValidationException: PreTokenGeneration failed with error No.` */
export function outcomeText(invocation: TriggerInvocationInfo): string {
  return invocation.error ? `${invocation.error.type}: ${invocation.error.message}` : 'ok';
}

const placeWords: Record<NonNullable<TriggerInvocationInfo['ranAt']>, string> = {
  module: 'a local module',
  endpoint: 'the Lambda endpoint',
};

function json(label: string, value: unknown): HTMLElement {
  return h('pre', { class: 'json', tabindex: 0, 'aria-label': label }, JSON.stringify(value, null, 2));
}

function changesView(invocation: TriggerInvocationInfo): HTMLElement | null {
  if (invocation.trigger !== 'PreTokenGeneration' || invocation.error) return null;
  const changes = tokenChanges(invocation.event, invocation.result);
  return h(
    'div',
    { class: 'token-changes' },
    h('h4', {}, 'What it changed in the tokens'),
    changes.length
      ? h('ul', {}, ...changes.map((c) => h('li', { 'data-action': c.action, 'data-token': c.token, 'data-name': c.name }, describeChange(c))))
      : h('p', { class: 'note' }, 'Nothing: the tokens are as they would be without the function.'),
  );
}

/** The function returns the event it got: the `response` in it is its answer (the whole result when it has none). */
function responseView(invocation: TriggerInvocationInfo, title: string): HTMLElement[] {
  if (!('result' in invocation)) {
    return [h('h4', {}, 'Response returned'), h('p', { class: 'note' }, `None: ${invocation.error?.kind === 'timeout' ? 'the function did not answer in time' : 'the function did not answer'}.`)];
  }
  const result = invocation.result;
  if (typeof result === 'object' && result !== null && !Array.isArray(result) && 'response' in result) {
    return [h('h4', {}, 'Response returned (the ', h('code', {}, 'response'), ' of the event it returned)'), json(`Response of ${title}`, result.response)];
  }
  return [h('h4', {}, 'What it returned'), json(`What ${title} returned`, result)];
}

function invocationItem(invocation: TriggerInvocationInfo, open: boolean): HTMLElement {
  const failed = Boolean(invocation.error);
  const title = `#${invocation.id} ${invocation.trigger}`;
  const details = h(
    'details',
    { class: 'exchange', open },
    h('summary', {}, `Event and response of ${title}`),
    h('h4', {}, 'Event sent'),
    json(`Event sent to ${title}`, invocation.event),
    ...responseView(invocation, title),
  );
  return h(
    'li',
    { class: `invocation ${failed ? 'failed' : 'ok'}`, 'data-id': invocation.id, 'data-trigger': invocation.trigger, 'data-outcome': failed ? 'failed' : 'ok' },
    h('h3', {}, h('span', { class: 'invocation-id' }, `#${invocation.id}`), ` ${invocation.trigger} `, h('span', { class: 'outcome' }, failed ? 'failed' : 'ok')),
    h(
      'dl',
      {},
      h('dt', {}, 'Source'),
      h('dd', { class: 'mono' }, invocation.triggerSource),
      h('dt', {}, 'Function'),
      h('dd', {}, h('span', { class: 'mono' }, invocation.function), invocation.ranAt ? ` (${placeWords[invocation.ranAt]})` : ' (ran nowhere)'),
      h('dt', {}, 'Outcome'),
      h('dd', { class: 'outcome-text' }, outcomeText(invocation)),
      h('dt', {}, 'Duration'),
      h('dd', {}, `${invocation.durationMs} ms`),
      h('dt', {}, 'At'),
      h('dd', {}, `${formatTime(invocation.at)}, pool ${invocation.pool}`),
    ),
    changesView(invocation),
    details,
  );
}

function emptyState(): HTMLElement {
  const filtered = poolSelect().value !== allPools;
  return h(
    'div',
    { id: 'triggers-empty', class: 'explanation' },
    h('p', {}, filtered ? `No trigger function of ${poolSelect().value} has run yet.` : 'No trigger function has run yet.'),
    h(
      'p',
      {},
      'A pool runs your code when its ',
      h('code', {}, 'LambdaConfig'),
      ' names a function (',
      h('code', {}, '"PreTokenGeneration": "arn:aws:lambda:…"'),
      ', set in the config file or with CreateUserPool / UpdateUserPool) and the server maps that ARN to a module under ',
      h('code', {}, 'lambda.functions'),
      ' or to a Lambda endpoint. Then sign in: each call shows up here.',
    ),
    h('p', { id: 'triggers-guide' }, 'How to configure a trigger: the triggers guide, ', h('code', {}, triggersGuidePath), ", in mock-idp's sources."),
  );
}

/** What was drawn last (so polling redraws only on change and keeps the expanded entries open). */
let drawn = '';

/** Refills the pool filter when the pools changed (not on every poll: the learner may be using it). */
function fillPoolFilter(): void {
  const ids = ['', ...state.pools.map((p) => p.id)];
  if ([...poolSelect().options].map((o) => o.value).join(' ') === ids.join(' ')) return;
  setOptions(poolSelect(), [{ value: allPools, label: 'All pools' }, ...state.pools.map((p) => ({ value: p.id, label: p.id }))]);
}

/**
 * Rereads the journal and redraws it, newest first, when it changed;
 * announces the new invocations in the status line (a short sentence).
 */
export async function refreshTriggers({ sayWhenUnchanged = false } = {}): Promise<void> {
  fillPoolFilter();
  const pool = poolSelect().value;
  const invocations = (await api.triggers(pool || undefined)).slice().reverse();
  if (pool !== poolSelect().value) return;
  // Ids start again from 1 after POST /_mock/reset: with the start time, a key names one invocation.
  const key = (i: TriggerInvocationInfo) => `${i.id}@${i.at}`;
  const seen = JSON.stringify([pool, invocations.map(key)]);
  if (seen === drawn) {
    if (sayWhenUnchanged) byId('triggers-status').textContent = `No new invocations (${invocations.length} in all).`;
    return;
  }
  const [drawnPool, drawnKeys] = drawn ? (JSON.parse(drawn) as [string, string[]]) : [null, []];
  const before = new Set(drawnKeys);
  const samePool = drawnPool === pool;
  drawn = seen;
  const list = byId('triggers-list');
  const open = new Set(
    [...list.querySelectorAll<HTMLElement>('li.invocation')].filter((li) => li.querySelector('details')?.open).map((li) => Number(li.dataset.id)),
  );
  show(list, ...invocations.map((i) => invocationItem(i, open.has(i.id))));
  const empty = byId('triggers-empty-box');
  show(empty, invocations.length ? null : emptyState());
  const fresh = samePool ? invocations.filter((i) => !before.has(key(i))) : [];
  const failed = fresh.filter((i) => i.error).length;
  byId('triggers-status').textContent =
    fresh.length > 0
      ? `${fresh.length} new invocation${fresh.length === 1 ? '' : 's'}${failed ? `, ${failed} failed` : ''}: ${[...new Set(fresh.map((i) => i.trigger))].join(', ')}.`
      : `${invocations.length} invocation${invocations.length === 1 ? '' : 's'}.`;
}

function fillSignInDependents(): void {
  const f = signInForm();
  const pool = poolById(f.pool.value);
  setOptions(f.client, pool.clients.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` })));
  setOptions(f.user, pool.users.filter((u) => u.password).map((u) => ({ value: u.username, label: u.username })));
}

/** Signs the chosen user in with InitiateAuth (USER_PASSWORD_AUTH), as an app does: the pool's triggers run. */
export async function signInForTriggers(): Promise<void> {
  const f = signInForm();
  const pool = poolById(f.pool.value);
  const user = pool.users.find((u) => u.username === f.user.value);
  if (!user) throw new Error(`pick a user of ${pool.id} with a password`);
  let outcome: string;
  try {
    const answer = await api.signIn(f.client.value, user.username, user.password);
    outcome = answer.AuthenticationResult ? `${user.username} signed in.` : `${user.username}: Cognito asks for ${answer.ChallengeName ?? 'a challenge'}.`;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 0 || error.code === 'NOT_JSON') throw error;
    outcome = `${user.username}: ${error.code}: ${error.message}`;
  }
  byId('trigger-sign-in-result').textContent = outcome;
  await refreshTriggers();
}

/** The Triggers panel: the journal, reread while shown, on the page's mints and sign-ins, and on Refresh. */
export function initTriggersView(): void {
  fillPoolFilter();
  const f = signInForm();
  setOptions(f.pool, state.pools.map((p) => ({ value: p.id, label: p.id })), state.defaultPool);
  fillSignInDependents();
  const error = byId('triggers-error');
  const run = (action: () => Promise<void>) => {
    showError(error, null);
    action().catch((e: Error) => showError(error, e.message));
  };
  const refreshIfShown = () => {
    if (currentTab() === 'triggers') run(refreshTriggers);
  };
  poolSelect().addEventListener('change', () => {
    // Signing in to the pool watched is what a learner does next.
    if (poolSelect().value !== allPools && f.pool.value !== poolSelect().value) {
      f.pool.value = poolSelect().value;
      fillSignInDependents();
    }
    run(refreshTriggers);
  });
  byId('triggers-refresh').addEventListener('click', () => run(() => refreshTriggers({ sayWhenUnchanged: true })));
  f.pool.addEventListener('change', fillSignInDependents);
  byId('trigger-sign-in').addEventListener('submit', (event) => {
    event.preventDefault();
    run(signInForTriggers);
  });
  on('minted', refreshIfShown);
  on('signed-in', refreshIfShown);
  onTabShown((tab) => {
    if (tab === 'triggers') run(refreshTriggers);
  });
  setInterval(refreshIfShown, pollMs);
}
