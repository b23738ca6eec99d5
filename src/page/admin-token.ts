import { byId } from './dom.js';

/** Where the page keeps the admin token: this tab only, gone when it closes. */
export const adminTokenKey = 'mock-idp.adminToken';

/** The control API's answers when a server started with `--admin-token` is called without it, or with a wrong one. */
export const adminTokenCodes: ReadonlySet<string> = new Set(['ADMIN_TOKEN_REQUIRED', 'ADMIN_TOKEN_INVALID']);

/** The stored admin token, if any. */
export function storedAdminToken(): string | null {
  try {
    return sessionStorage.getItem(adminTokenKey);
  } catch {
    return null;
  }
}

let pending: Promise<string | null> | null = null;

/**
 * Asks for the admin token in a modal dialog (focus moves into it; Escape
 * cancels), stores it and resolves to it, or to null when cancelled. Calls
 * that arrive while the dialog is open share its answer.
 */
export function promptForAdminToken(code: string, message: string): Promise<string | null> {
  pending ??= ask(code, message).finally(() => {
    pending = null;
  });
  return pending;
}

function ask(code: string, message: string): Promise<string | null> {
  const dialog = byId<HTMLDialogElement>('admin-dialog');
  const input = byId<HTMLInputElement>('admin-token-input');
  byId('admin-dialog-message').textContent =
    code === 'ADMIN_TOKEN_INVALID'
      ? `The server refused the admin token (${message}). Enter the one it was started with.`
      : `This server was started with an admin token: the control API needs it (${message}).`;
  input.value = '';
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        const token = dialog.returnValue === 'ok' ? input.value.trim() : '';
        if (!token) return resolve(null);
        try {
          sessionStorage.setItem(adminTokenKey, token);
        } catch {
          // Storage refused (private mode): the token still serves this call.
        }
        resolve(token);
      },
      { once: true },
    );
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
}
