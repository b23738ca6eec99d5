import { api, type MintBody } from './api.js';
import { whileBusy } from './busy.js';
import { renderCountdown, onTick } from './clock-view.js';
import { decodedView, tokenParts } from './decode-view.js';
import { byId, h, setOptions, show, showError } from './dom.js';
import { emit, poolById, scenarioByName, state } from './state.js';
import type { MintResponse, TokenUse, Verdict, VerifyReport } from './wire.js';

/** The claims the form changed or removed for the token last minted; null when it was minted as its scenario has it. */
let edits: { changed: string[]; removed: string[] } | null = null;

/** What the claims editor changed in the token last minted (null: nothing). */
export function mintedEdits(): { changed: string[]; removed: string[] } | null {
  return edits;
}

/** The server's "no active key" error, for a clock before every key or after every key left: in words a learner can act on. */
const noActiveKey = /^no active (id|access) key for pool (\S+)/;

/** The server's error for the scenarios signed by a replaced key when the pool has none yet (its words name the API and CLI). */
const noReplacedKey = /^pool (\S+) has no (retiring|retired) (id|access) key yet/;

function mintErrorText(message: string): string {
  const noActive = noActiveKey.exec(message);
  if (noActive) {
    const use = noActive[1] === 'id' ? 'ID' : 'access';
    return (
      `No key of pool ${noActive[2]} can sign ${use} tokens at the server's time: every key of its ring was made after it (the clock was moved back) or has been retired. ` +
      'Press "Back to real time" on the Time tab, or rotate the key on the Keys tab, then mint again.'
    );
  }
  const noReplaced = noReplacedKey.exec(message);
  if (noReplaced) {
    const [, pool, state, tokenUse] = noReplaced;
    const use = tokenUse === 'id' ? 'ID' : 'access';
    return state === 'retiring'
      ? `Pool ${pool} has no retiring ${use}-token key yet: this scenario signs with the key a rotation replaced, which the JWKS keeps for the overlap. ` +
          `Press "Rotate the ${use}-token key" on the Keys tab, then mint again.`
      : `Pool ${pool} has no retired ${use}-token key yet: this scenario signs with a key that has left the JWKS. ` +
          `On the Keys tab, press "Rotate the ${use}-token key", then "Retire now" on the key it replaced (or move the clock past the overlap on the Time tab), then mint again.`;
  }
  return message;
}

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

/**
 * Mints with the form's values through `POST /_mock/tokens` and shows the
 * token. With edited claims the scenario no longer decides the verdict, so the
 * token is also run through the verifier (`POST /_mock/verify`), as its app
 * would check it, and that verdict is the one stated. Rejects with the
 * server's error (in words, for "no active key" and for a replaced key the pool does not have yet).
 */
export async function mintFromForm(): Promise<MintResponse> {
  const f = form();
  const error = byId('mint-error');
  showError(error, null);
  const button = byId<HTMLButtonElement>('mint-button');
  const result = byId('mint-result');
  result.setAttribute('aria-busy', 'true');
  try {
    return await whileBusy(button, () => mint(f));
  } catch (e) {
    showError(error, mintErrorText((e as Error).message));
    throw e;
  } finally {
    result.removeAttribute('aria-busy');
  }
}

async function mint(f: ReturnType<typeof form>): Promise<MintResponse> {
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
  const expectation = { pool: body.pool, client: body.client, tokenUse: body.tokenUse };
  const edited = claims || suppress.length ? { changed: Object.keys(claims ?? {}), removed: suppress } : null;
  // What the edited token gets from a correct verifier, checked as its app checks it.
  const report = edited ? await api.verify({ token: minted.token, ...expectation }) : null;
  state.minted = minted;
  state.expectation = expectation;
  edits = edited;
  renderMinted(minted, report);
  byId<HTMLButtonElement>('mint-verify-button').disabled = false;
  emit('minted');
  return minted;
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

/** What a correct verifier does with the token: the scenario's verdict, or, after edits, the verifier's. */
function expectedLine(minted: MintResponse, report: VerifyReport | null): HTMLElement {
  if (!report || !edits) return h('p', { class: 'explanation', id: 'mint-expected' }, `A correct verifier ${verdictText(minted.expected)}. ${minted.explanation}`);
  const { verdict } = report;
  const what = [
    edits.changed.length ? `changed ${edits.changed.join(', ')}` : '',
    edits.removed.length ? `removed ${edits.removed.join(', ')}` : '',
  ].filter(Boolean).join('; ');
  const same = JSON.stringify(verdict.accept ? { accept: true } : { accept: false, code: verdict.code }) === JSON.stringify(minted.expected);
  return h(
    'p',
    { class: `explanation edited-verdict ${verdict.accept ? 'accepted' : 'rejected'}`, id: 'mint-expected', 'data-code': verdict.accept ? 'ACCEPTED' : verdict.code },
    h('strong', {}, verdict.accept ? 'With your edits, a correct verifier accepts it.' : `With your edits, a correct verifier rejects it: ${verdict.code}.`),
    ` You ${what} (marked below). `,
    verdict.accept ? '' : `${verdict.message}. `,
    same ? `That is the scenario's verdict too.` : `Without the edits, the scenario's token: a correct verifier ${verdictText(minted.expected)}.`,
  );
}

function renderMinted(minted: MintResponse, report: VerifyReport | null): void {
  const scenario = scenarioByName(minted.scenario);
  const countdown = h('p', { class: 'countdown', id: 'mint-countdown' });
  const signer = minted.signedWith ? h('p', {}, 'Signed by key ', h('code', {}, minted.signedWith.kid), ` (${minted.signedWith.state}).`) : h('p', {}, 'Signed by no key of the pool\'s JWKS.');
  show(
    byId('mint-result'),
    h('h3', {}, `${minted.tokenUse === 'id' ? 'ID' : 'Access'} token for ${minted.user}: ${scenario?.title ?? minted.scenario}`),
    ...tokenParts(minted.token),
    expectedLine(minted, report),
    countdown,
    signer,
    decodedView(minted.token, { edited: new Set(edits?.changed ?? []) }),
    edits?.removed.length ? h('p', { class: 'note', id: 'mint-removed' }, `Removed from the payload: ${edits.removed.join(', ')}.`) : null,
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
