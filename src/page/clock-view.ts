import { announce } from './announce.js';
import { api } from './api.js';
import { byId, formatDuration, formatTime, showError } from './dom.js';
import { emit, on, state } from './state.js';
import type { ClockState } from './wire.js';

/** The server's time as last read, and the browser's time then: the server's clock runs on from there. */
let reading: { serverMs: number; browserMs: number; state: ClockState } | null = null;
const tickListeners = new Set<() => void>();

/** The server's current time (epoch ms), from `GET /_mock/clock` and the time since: not the browser's clock. */
export function serverNowMs(): number {
  if (!reading) return Date.now();
  return reading.state.fixed ? reading.serverMs : reading.serverMs + (Date.now() - reading.browserMs);
}

/** Calls `listener` every second, and at once after every clock change. */
export function onTick(listener: () => void): void {
  tickListeners.add(listener);
}

/** Reads the server's clock again. */
export async function syncClock(): Promise<void> {
  const browserMs = Date.now();
  const clock = await api.clock();
  reading = { serverMs: Date.parse(clock.now), browserMs, state: clock };
  tick();
}

/** Moves the server's clock by `seconds` (negative: back) through `POST /_mock/clock`. */
export async function shiftClock(seconds: number): Promise<void> {
  await api.changeClock({ advanceSeconds: seconds });
  await syncClock();
  emit('clock-changed');
}

/** Stops the server's clock at its time now: from then on it moves only when shifted. */
export async function freezeClock(): Promise<void> {
  await syncClock();
  await api.changeClock({ fixedTime: new Date(serverNowMs()).toISOString() });
  await syncClock();
  emit('clock-changed');
}

/** Moves the server's clock to `ms` (epoch ms) and holds it there (frozen) until it is shifted or reset. */
export async function moveClockTo(ms: number): Promise<void> {
  await api.changeClock({ fixedTime: new Date(ms).toISOString() });
  await syncClock();
  emit('clock-changed');
}

/** Puts the server's clock back to real time. */
export async function resetClock(): Promise<void> {
  await api.changeClock({ reset: true });
  await syncClock();
  emit('clock-changed');
}

/**
 * The countdown of the token last minted, on the server's clock: `expires in
 * 59 min 58 s` or `expired 6 s ago`. The element gets the class `live` or
 * `expired`, and `data-expired` for tests.
 */
export function renderCountdown(element: HTMLElement): void {
  const exp = state.minted?.payload?.exp;
  element.classList.remove('live', 'expired');
  delete element.dataset.expired;
  if (!state.minted) {
    element.textContent = 'No token minted yet.';
    return;
  }
  if (typeof exp !== 'number') {
    element.textContent = 'This token has no exp: it never expires.';
    return;
  }
  const left = exp - serverNowMs() / 1000;
  const expired = left <= 0;
  element.classList.add(expired ? 'expired' : 'live');
  element.dataset.expired = String(expired);
  element.textContent = expired
    ? `The token expired ${formatDuration(-left)} ago (server clock).`
    : `The token expires in ${formatDuration(left)} (server clock).`;
}

/** Whether the token shown had expired at the last tick: the moment it expires is announced, not each second. */
let wasExpired: { token: string; expired: boolean } | null = null;

function announceExpiry(countdown: HTMLElement): void {
  const token = state.minted?.token;
  const expired = countdown.dataset.expired === 'true';
  if (token && wasExpired?.token === token && !wasExpired.expired && expired) announce('The token has expired (server clock).');
  wasExpired = token ? { token, expired } : null;
}

function tick(): void {
  const now = serverNowMs();
  const offset = reading?.state.offsetSeconds ?? 0;
  const offsetText = reading?.state.fixed
    ? 'frozen'
    : offset === 0
      ? 'real time'
      : `shifted ${offset > 0 ? '+' : '−'}${formatDuration(offset)}`;
  for (const id of ['clock-now', 'time-now']) {
    const time = byId<HTMLTimeElement>(id);
    time.textContent = formatTime(now);
    time.dateTime = new Date(now).toISOString();
  }
  byId('clock-offset').textContent = offsetText;
  byId('time-offset').textContent = `The server's clock is ${offsetText === 'real time' ? 'on real time' : offsetText}.`;
  renderCountdown(byId('time-token'));
  announceExpiry(byId('time-token'));
  for (const listener of tickListeners) listener();
}

/** The Time panel: shift buttons and the countdown; and the header's clock, resynchronised every 30 s. */
export async function initClockView(): Promise<void> {
  const error = byId('time-error');
  const run = (action: () => Promise<void>) => () => {
    showError(error, null);
    action().catch((e: Error) => showError(error, e.message));
  };
  for (const button of byId('time-buttons').querySelectorAll<HTMLButtonElement>('button[data-shift]')) {
    button.addEventListener('click', run(() => shiftClock(Number(button.dataset.shift))));
  }
  byId('time-reset').addEventListener('click', run(resetClock));
  on('minted', tick);
  await syncClock();
  setInterval(tick, 1000);
  setInterval(() => void syncClock().catch(() => {}), 30_000);
}
