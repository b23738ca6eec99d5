/**
 * The Time tab's view of the current token on the server's clock: its `iat`,
 * `nbf` and `exp`, the verifier's tolerance around now, buttons that move the
 * clock to either side of the expiry edge, a Verify at that time, and a warning
 * when no key is active then (so Mint would refuse to sign).
 */
import { announce } from './announce.js';
import { api } from './api.js';
import { whileBusy } from './busy.js';
import { moveClockTo, onTick, serverNowMs } from './clock-view.js';
import { byId, formatDuration, formatTime, h, show, showError } from './dom.js';
import { on, state } from './state.js';
import { currentTab, onTabShown } from './tabs.js';
import type { TokenUse } from './wire.js';

/** The verifier's clock tolerance: mock-idp/verifier's default (`clockToleranceSeconds`, 5 s) until a verify report says otherwise. */
let toleranceSeconds = 5;

const useNames: Record<TokenUse, string> = { id: 'ID tokens', access: 'access tokens' };

/** A time claim of the current token, when it is a number. */
function claim(name: 'iat' | 'nbf' | 'exp'): number | null {
  const value = state.minted?.payload?.[name];
  return typeof value === 'number' ? value : null;
}

/** `in 48 min`, `12 min ago`, `now`: from the server's now to `seconds`. */
function fromNow(seconds: number): string {
  const delta = seconds - serverNowMs() / 1000;
  if (Math.abs(delta) < 0.5) return 'now';
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

function claimRow(name: 'iat' | 'nbf' | 'exp', what: string, absent: string): HTMLElement[] {
  const value = claim(name);
  return [
    h('dt', {}, h('code', {}, name), ` ${what}`),
    h('dd', { 'data-claim': name, 'data-value': value ?? '' }, value === null ? absent : `${formatTime(value * 1000)} (${fromNow(value)})`),
  ];
}

/** The token's time claims and the tolerance, relative to the server's now; redrawn every second while the tab shows. */
function renderClaims(): void {
  const exp = claim('exp');
  byId<HTMLButtonElement>('time-before-exp').disabled = exp === null;
  byId<HTMLButtonElement>('time-after-exp').disabled = exp === null;
  byId<HTMLButtonElement>('time-verify').disabled = !state.minted;
  const list = byId('time-claims');
  if (!state.minted) return show(list, h('dt', {}, 'Token'), h('dd', {}, 'None yet: mint one on the Mint tab.'));
  const now = serverNowMs();
  const tolerance = toleranceSeconds * 1000;
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  show(
    list,
    ...claimRow('iat', 'issued at', 'not set'),
    ...claimRow('nbf', 'not before', 'not set: valid from iat'),
    ...claimRow('exp', 'expires', 'not set: the token never expires'),
    h('dt', {}, 'tolerance'),
    h(
      'dd',
      { 'data-claim': 'tolerance', 'data-value': toleranceSeconds },
      `± ${toleranceSeconds} s around now (${clock(now - tolerance)} to ${clock(now + tolerance)}): a verifier accepts the token while now < exp + ${toleranceSeconds} s`,
      exp === null ? '.' : `, until ${formatTime(exp * 1000 + tolerance)}.`,
    ),
  );
}

/** Only the last check's answer counts (checks overlap when the clock moves twice quickly). */
let checks = 0;

/** Reads the key ring of the token's pool: is a key of each token use active at the server's time? If not, says so. */
async function checkSigningKeys(): Promise<void> {
  const pool = state.minted?.pool ?? state.defaultPool;
  const check = ++checks;
  // Advice only: when the pool is gone (deleted, reset) there is nothing to warn about here.
  const keys = await api.keys(pool).catch(() => null);
  if (check !== checks || !keys) return;
  const missing = (['id', 'access'] as const).filter((use) => !keys.some((k) => k.pool === pool && k.use === use && k.state === 'active'));
  const box = byId('time-no-key');
  const before = box.hidden ? '' : box.textContent;
  box.hidden = missing.length === 0;
  box.dataset.missing = missing.join(' ');
  box.textContent = missing.length
    ? `No key of pool ${pool} is active at the server's time (${formatTime(serverNowMs())}) for ${missing.map((u) => useNames[u]).join(' or ')}: ` +
      'every key was published after it (the clock is before them) or has been retired. Mint refuses to sign such a token until you press "Back to real time" or rotate a key on the Keys tab.'
    : '';
  if (!box.hidden && box.textContent !== before) announce(`No key is active at this time: Mint refuses to sign ${missing.map((u) => useNames[u]).join(' or ')}.`);
}

/** Verifies the current token at the server's time, as its app would (`POST /_mock/verify`), and says the verdict with that time. */
async function verifyNow(): Promise<void> {
  const minted = state.minted;
  const expectation = state.expectation;
  if (!minted || !expectation) return;
  const report = await whileBusy(byId<HTMLButtonElement>('time-verify'), () => api.verify({ token: minted.token, ...expectation }));
  if (state.minted !== minted) return;
  toleranceSeconds = report.verifier.clockToleranceSeconds;
  const at = formatTime(Date.parse(report.verifier.now));
  const { verdict } = report;
  const line = verdict.accept ? `At ${at}, mock-idp/verifier accepts the token.` : `At ${at}, mock-idp/verifier rejects the token: ${verdict.code}.`;
  show(
    byId('time-verdict'),
    h('p', { class: `verdict ${verdict.accept ? 'accepted' : 'rejected'}`, id: 'time-verdict-line', 'data-code': verdict.accept ? 'ACCEPTED' : verdict.code }, line),
    verdict.accept ? null : h('p', { class: 'note' }, verdict.message),
  );
  announce(line);
  renderClaims();
}

/** Wires the Time tab's token section: redrawn each second while shown; the verdict goes when the token or the clock changes. */
export function initTimeEdges(): void {
  const error = byId('time-error');
  const run = (action: () => Promise<void>) => () => {
    showError(error, null);
    action().catch((e: Error) => showError(error, e.message));
  };
  const shownNow = () => currentTab() === 'time';
  const refresh = () => {
    if (!shownNow()) return;
    renderClaims();
    run(checkSigningKeys)();
  };
  byId('time-before-exp').addEventListener(
    'click',
    run(async () => {
      const exp = claim('exp');
      if (exp !== null) await moveClockTo((exp - 1) * 1000);
    }),
  );
  byId('time-after-exp').addEventListener(
    'click',
    run(async () => {
      const exp = claim('exp');
      if (exp !== null) await moveClockTo((exp + toleranceSeconds + 1) * 1000);
    }),
  );
  byId('time-verify').addEventListener('click', run(verifyNow));
  const clearVerdict = () => show(byId('time-verdict'));
  on('minted', () => {
    clearVerdict();
    refresh();
  });
  on('clock-changed', () => {
    clearVerdict();
    refresh();
  });
  on('keys-changed', refresh);
  onTabShown((tab) => {
    if (tab === 'time') refresh();
  });
  onTick(() => {
    if (shownNow()) renderClaims();
  });
  renderClaims();
}
