import { document, escapeHtml } from './login-html.js';
import type { MfaView } from './login-mfa.js';

/** What an MFA step page shows. */
export interface MfaPage {
  poolId: string;
  clientName: string;
  /** The authorize request's query: the step's form posts back to `login?<query>`. */
  query: string;
  /** The CSRF token, in the form's hidden `_csrf` field; the pending sign-in is held under it, on the server. */
  csrf: string;
  step: MfaView;
  error?: { code: string; message: string } | undefined;
}

/** How the page names each MFA type. */
const typeNames: Record<string, string> = { SMS_MFA: 'Text message (SMS)', SOFTWARE_TOKEN_MFA: 'Authenticator app', EMAIL_OTP: 'Email' };

/**
 * An MFA step of the hosted login (works without JavaScript): the code form of SOFTWARE_TOKEN_MFA,
 * SMS_MFA and EMAIL_OTP; SELECT_MFA_TYPE's choice; or MFA_SETUP's authenticator-app setup (the secret
 * and its otpauth:// URI as text, then a code). The forms carry only the CSRF token and the answer:
 * which step, and for whom, the server knows.
 */
export function renderMfaPage(page: MfaPage): string {
  const { step } = page;
  const action = `login?${escapeHtml(page.query)}`;
  const context = `<p class="context">to <strong>${escapeHtml(page.clientName)}</strong> · pool <code>${escapeHtml(page.poolId)}</code> · mock-idp hosted UI</p>`;
  const error = page.error ? `<p class="error" role="alert" id="error" data-code="${escapeHtml(page.error.code)}">${escapeHtml(page.error.message)}</p>` : '';
  const describedBy = page.error ? ' aria-describedby="error"' : '';
  const csrf = `<input type="hidden" name="_csrf" value="${escapeHtml(page.csrf)}">`;
  const title = step.setup ? 'Set up multi-factor authentication' : 'Multi-factor authentication';
  const userPath = `/_mock/pools/${escapeHtml(page.poolId)}/users/${escapeHtml(encodeURIComponent(step.username))}`;
  let body: string;
  if (step.choices) {
    const buttons = step.choices.map((type) => `<li><button type="submit" name="mfaType" value="${escapeHtml(type)}">${escapeHtml(typeNames[type] ?? type)}</button></li>`).join('\n');
    body = `<p>Choose how <strong>${escapeHtml(step.username)}</strong> gets a sign-in code.</p>
<form method="post" action="${action}" class="pick">
${csrf}
<ul>
${buttons}
</ul>
</form>`;
  } else {
    const { intro, mock, button } = codeStep(step, userPath);
    body = `${intro}
<form method="post" action="${action}">
${csrf}
<label for="code">Code</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus${describedBy}>
<button type="submit">${button}</button>
</form>
<p class="mock">${mock}</p>`;
  }
  return document(
    title,
    `<h1>${title}</h1>
${context}
${error}
<div data-challenge="${escapeHtml(step.challenge)}">
${body}
</div>`,
  );
}

/** The text around a code form: what to enter, and (a mock aid) where the control API shows the code. */
function codeStep(step: MfaView, userPath: string): { intro: string; mock: string; button: string } {
  const who = `<strong>${escapeHtml(step.username)}</strong>`;
  if (step.setup) {
    return {
      intro: `<p>${who} must use multi-factor authentication. Add this key to an authenticator app, then enter the 6-digit code it shows.</p>
<p><strong>Secret key</strong><br><code id="totp-secret">${escapeHtml(step.setup.secret)}</code></p>
<p><strong>Or this setup URI</strong> (what a QR code would carry)<br><code id="totp-uri" class="meta">${escapeHtml(step.setup.uri)}</code></p>`,
      mock: `Mock: the current code is also at <code>GET ${userPath}/mfa</code> (<code>pendingTotpCode</code>).`,
      button: 'Verify and sign in',
    };
  }
  if (step.challenge === 'SMS_MFA' || step.challenge === 'EMAIL_OTP') {
    const how = step.challenge === 'SMS_MFA' ? 'by text message' : 'by email';
    const to = step.destination ? ` to <strong>${escapeHtml(step.destination)}</strong>` : '';
    return {
      intro: `<p>We sent a 6-digit code ${how}${to}. Enter it to sign in as ${who}.</p>`,
      mock: `Mock: nothing is sent; the code is at <code>GET ${userPath}/codes</code> (purpose <code>MFA</code>).`,
      button: 'Sign in',
    };
  }
  const app = step.deviceName ? `your authenticator app (${escapeHtml(step.deviceName)})` : 'your authenticator app';
  return {
    intro: `<p>Enter the 6-digit code from ${app} for ${who}.</p>`,
    mock: `Mock: the current code is also at <code>GET ${userPath}/mfa</code> (<code>totpCode</code>).`,
    button: 'Sign in',
  };
}
