/**
 * Instructor mode, for a class in front of a projector: larger type, a strip
 * at the bottom of the screen that always shows the current token's verdict
 * (the scenario's after a mint, the verifier's after a verify), and "Reset the
 * class": the server's clock back to real time, no faults, fresh keys, through
 * `POST /_mock/reset` with `{"keys": true}`. The header's toggle turns it on
 * and off; `?instructor` in the address turns it on at load, so an instructor
 * can bookmark it.
 */
import { announce } from './announce.js';
import { api } from './api.js';
import { whileBusy } from './busy.js';
import { syncClock } from './clock-view.js';
import { byId, showError } from './dom.js';
import { mintedEdits, verdictText } from './mint-view.js';
import { refreshPools } from './pool-list.js';
import { emit, on, scenarioByName, state } from './state.js';

/** The address's parameter that turns instructor mode on. */
const parameter = 'instructor';

/** Whether instructor mode is on. */
export function instructorMode(): boolean {
  return document.documentElement.classList.contains('instructor');
}

/** The address with `?instructor` added or taken off (other parameters kept): what a bookmark keeps. */
function addressWith(on: boolean): string {
  const params = new URLSearchParams(location.search);
  params.delete(parameter);
  const rest = params.toString();
  const search = [rest, on ? parameter : ''].filter(Boolean).join('&');
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}

/** Turns instructor mode on or off: the type size, the verdict strip, the reset button and the address follow. */
export function setInstructorMode(on: boolean): void {
  document.documentElement.classList.toggle('instructor', on);
  byId('instructor-toggle').setAttribute('aria-pressed', String(on));
  byId('instructor-strip').hidden = !on;
  byId('reset-class').hidden = !on;
  history.replaceState(history.state, '', addressWith(on));
}

/** Shows a token and what is known of its verdict on the strip; `state` colours it. */
function showOnStrip(token: string, verdict: string, verdictState: 'accepted' | 'rejected' | 'none'): void {
  byId('strip-token').textContent = token;
  const line = byId('strip-verdict');
  line.textContent = verdict;
  line.dataset.state = verdictState;
}

/** `expired, ID token for alice`: the token last minted, in a few words. */
function mintedLabel(): string {
  const minted = state.minted!;
  const title = scenarioByName(minted.scenario)?.title ?? minted.scenario;
  return `${title} (${minted.tokenUse === 'id' ? 'ID' : 'access'} token for ${minted.user})${mintedEdits() ? ', claims edited' : ''}:`;
}

/** After a mint: what a correct verifier does with the token (with edits, Mint's own verdict line says it). */
function stripAfterMint(): void {
  const minted = state.minted;
  if (!minted) return;
  const edited = document.querySelector<HTMLElement>('#mint-expected[data-code]');
  if (mintedEdits() && edited) {
    const accepted = edited.dataset.code === 'ACCEPTED';
    return showOnStrip(mintedLabel(), `${edited.querySelector('strong')?.textContent ?? ''} Not verified yet.`, accepted ? 'accepted' : 'rejected');
  }
  showOnStrip(mintedLabel(), `A correct verifier ${verdictText(minted.expected)}. Not verified yet.`, minted.expected.accept ? 'accepted' : 'rejected');
}

/** After a verify: the verifier's verdict line, for the token it was reached for. */
function stripAfterVerify(verdict: HTMLElement): void {
  const token = byId<HTMLTextAreaElement>('verify-token').value.trim();
  const label = state.minted && state.minted.token === token ? mintedLabel() : "The Verify box's token:";
  showOnStrip(label, verdict.textContent ?? '', verdict.classList.contains('accepted') ? 'accepted' : 'rejected');
}

/**
 * Resets the class through `POST /_mock/reset` (`keys: true`): real time, no
 * faults, fresh keys (and the configured pools and users, no sign-ins). The
 * page then rereads the clock, the pools and the keys, and says so.
 */
export async function resetClass(): Promise<void> {
  const error = byId('instructor-error');
  showError(error, null);
  try {
    const answer = await whileBusy(byId<HTMLButtonElement>('reset-class'), () => api.reset({ keys: true }));
    await syncClock();
    emit('clock-changed');
    emit('keys-changed');
    await refreshPools();
    const said = `Class reset: the clock is on real time, no faults, ${answer.keys.length} fresh keys.`;
    showOnStrip(said, 'Mint a new token: the earlier ones were signed by keys that are gone.', 'none');
    announce(said);
  } catch (e) {
    showError(error, `The class was not reset: ${(e as Error).message}`);
    throw e;
  }
}

/** The header's toggle and reset button, the confirmation dialog, and the strip kept current. */
export function initInstructor(): void {
  setInstructorMode(new URLSearchParams(location.search).has(parameter));
  byId('instructor-toggle').addEventListener('click', () => setInstructorMode(!instructorMode()));

  const dialog = byId<HTMLDialogElement>('reset-dialog');
  byId('reset-class').addEventListener('click', () => {
    dialog.returnValue = '';
    dialog.showModal();
  });
  dialog.addEventListener('close', () => {
    byId('reset-class').focus();
    if (dialog.returnValue === 'reset') resetClass().catch(() => {});
  });

  on('minted', stripAfterMint);
  // Verify draws a new verdict line for each result: the strip follows it.
  let last: Element | null = null;
  new MutationObserver(() => {
    const verdict = document.querySelector<HTMLElement>('#verify-result > #verify-verdict');
    if (!verdict || verdict === last) return;
    last = verdict;
    stripAfterVerify(verdict);
  }).observe(byId('verify-result'), { childList: true });
}
