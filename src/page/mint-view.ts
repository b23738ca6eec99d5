import { api, type MintBody } from './api.js';
import { renderCountdown, onTick } from './clock-view.js';
import { decodedView, tokenParts } from './decode-view.js';
import { byId, h, setOptions, show, showError } from './dom.js';
import { emit, poolById, scenarioByName, state } from './state.js';
import type { MintResponse, TokenUse, Verdict } from './wire.js';

const form = () => ({
  pool: byId<HTMLSelectElement>('mint-pool'),
  client: byId<HTMLSelectElement>('mint-client'),
  user: byId<HTMLSelectElement>('mint-user'),
  tokenUse: byId<HTMLSelectElement>('mint-token-use'),
  scenario: byId<HTMLSelectElement>('mint-scenario'),
  claims: byId<HTMLTextAreaElement>('mint-claims'),
  suppress: byId<HTMLInputElement>('mint-suppress'),
});

/** `accepts`, or `rejects with EXPIRED`. */
export function verdictText(verdict: Verdict): string {
  return verdict.accept ? 'accepts it' : `rejects it with ${verdict.code}`;
}

function fillPoolDependents(): void {
  const f = form();
  const pool = poolById(f.pool.value);
  setOptions(f.client, pool.clients.map((c) => ({ value: c.id, label: `${c.name} (${c.id})` })));
  setOptions(f.user, pool.users.map((u) => ({ value: u.username, label: u.groups.length ? `${u.username} (${u.groups.join(', ')})` : u.username })));
}

function showScenarioExplanation(): void {
  const scenario = scenarioByName(form().scenario.value);
  byId('scenario-explanation').textContent = scenario ? `${scenario.explanation} A correct verifier ${verdictText(scenario.expected)}.` : '';
}

/** Sets the mint form's controls (what a lesson step does before it presses Mint). */
export function setMintForm(values: Partial<Pick<MintBody, 'pool' | 'client' | 'user' | 'tokenUse' | 'scenario'>>): void {
  const f = form();
  if (values.pool !== undefined) {
    f.pool.value = values.pool;
    fillPoolDependents();
  }
  // A lesson names the fixtures' client and user; with other pools, the current choice stays.
  if (values.client !== undefined) f.client.value = poolById(f.pool.value).clients.find((c) => c.id === values.client || c.name === values.client)?.id ?? f.client.value;
  if (values.user !== undefined && [...f.user.options].some((o) => o.value === values.user)) f.user.value = values.user;
  if (values.tokenUse !== undefined) f.tokenUse.value = values.tokenUse;
  if (values.scenario !== undefined) {
    f.scenario.value = values.scenario;
    showScenarioExplanation();
  }
}

/** Mints with the form's values through `POST /_mock/tokens` and shows the token. Rejects with the server's error. */
export async function mintFromForm(): Promise<MintResponse> {
  const f = form();
  const error = byId('mint-error');
  showError(error, null);
  try {
    const body: MintBody = {
      pool: f.pool.value,
      client: f.client.value,
      user: f.user.value,
      tokenUse: f.tokenUse.value as TokenUse,
      scenario: f.scenario.value,
    };
    const claims = parseClaims(f.claims.value);
    if (claims) body.claims = claims;
    const suppress = f.suppress.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (suppress.length) body.suppress = suppress;
    const minted = await api.mint(body);
    state.minted = minted;
    state.expectation = { pool: body.pool, client: body.client, tokenUse: body.tokenUse };
    renderMinted(minted);
    byId<HTMLButtonElement>('mint-verify-button').disabled = false;
    emit('minted');
    return minted;
  } catch (e) {
    showError(error, (e as Error).message);
    throw e;
  }
}

function parseClaims(text: string): Record<string, unknown> | null {
  if (text.trim() === '' || text.trim() === '{}') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('The claims must be a JSON object, e.g. {"custom:plan": "pro"}.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The claims must be a JSON object, e.g. {"custom:plan": "pro"}.');
  return value as Record<string, unknown>;
}

function renderMinted(minted: MintResponse): void {
  const scenario = scenarioByName(minted.scenario);
  const countdown = h('p', { class: 'countdown', id: 'mint-countdown' });
  const signer = minted.signedWith ? h('p', {}, 'Signed by key ', h('code', {}, minted.signedWith.kid), ` (${minted.signedWith.state}).`) : h('p', {}, 'Signed by no key of the pool\'s JWKS.');
  show(
    byId('mint-result'),
    h('h3', {}, `${minted.tokenUse === 'id' ? 'ID' : 'Access'} token for ${minted.user}: ${scenario?.title ?? minted.scenario}`),
    ...tokenParts(minted.token),
    h('p', { class: 'explanation', id: 'mint-expected' }, `A correct verifier ${verdictText(minted.expected)}. ${minted.explanation}`),
    countdown,
    signer,
    decodedView(minted.token),
  );
  renderCountdown(countdown);
}

/** The Mint panel: pool, client, user, token type, scenario, claims; the token decoded with a countdown. */
export function initMintView(): void {
  const f = form();
  setOptions(f.pool, state.pools.map((p) => ({ value: p.id, label: p.id })), state.defaultPool);
  fillPoolDependents();
  setOptions(
    f.scenario,
    state.scenarios.map((s) => ({ value: s.name, label: `${s.title} (${s.name})` })),
    'valid',
  );
  showScenarioExplanation();
  f.pool.addEventListener('change', fillPoolDependents);
  f.scenario.addEventListener('change', showScenarioExplanation);
  byId('mint-form').addEventListener('submit', (event) => {
    event.preventDefault();
    mintFromForm().catch(() => {});
  });
  onTick(() => {
    const countdown = document.getElementById('mint-countdown');
    if (countdown) renderCountdown(countdown);
  });
}
