/**
 * Busy states: while a button's request runs, the button is disabled and says
 * so (`aria-busy`), so a second click cannot send it twice and a learner sees
 * that something is happening. Focus that was on the button comes back to it.
 */

/**
 * Runs `work` with `button` (when there is one) disabled and `aria-busy="true"`;
 * undone however `work` ends.
 *
 * @example
 * await whileBusy(byId('mint-button'), () => api.mint(body));
 */
export async function whileBusy<T>(button: HTMLButtonElement | null, work: () => Promise<T>): Promise<T> {
  if (!button) return work();
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    // Disabling a focused button sends the focus to the body: give it back.
    if (hadFocus && button.isConnected && (document.activeElement === document.body || document.activeElement === null)) button.focus();
  }
}
