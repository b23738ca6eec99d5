import type { UserRecord } from '../../config/types.js';

/** What the hosted login page shows. */
export interface LoginPage {
  poolId: string;
  clientName: string;
  /** The authorize request's query, kept on every form so the sign-in returns to it. */
  query: string;
  /** The CSRF token, in a hidden `_csrf` field of every form (the same value as the `XSRF-TOKEN` cookie). */
  csrf: string;
  /** The users to list (a bounded selection: see login-users.ts). */
  users: readonly Pick<UserRecord, 'username' | 'status' | 'enabled' | 'attributes'>[];
  /** The `q` search the list answers ('' or undefined: none). */
  search?: string | undefined;
  /** Users in the pool, when more than those listed may exist. */
  total?: number | undefined;
  /** More users match than are listed. */
  more?: boolean | undefined;
  error?: { code: string; message: string } | undefined;
  /** The username to put back in the form after an error. */
  username?: string | undefined;
  /** FORCE_CHANGE_PASSWORD: ask this user for a new password (the temporary one rides along, hidden). */
  newPasswordFor?: { username: string; password: string } | undefined;
  /** The OIDC identity providers the client supports: one button each, to `/oauth2/authorize?identity_provider=…`. */
  providers?: readonly string[] | undefined;
}

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a1a;background:#f3f4f6}
main{max-width:30rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #d1d5db;border-radius:.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.1rem;margin:1.5rem 0 .25rem}.context{margin:0 0 1rem;color:#4b5563}
label{display:block;font-weight:600;margin-top:.75rem}input{width:100%;padding:.5rem;font:inherit;border:1px solid #6b7280;border-radius:.25rem}
button{font:inherit;padding:.5rem 1rem;border:1px solid #1d4ed8;border-radius:.25rem;background:#1d4ed8;color:#fff;cursor:pointer}
form>button{margin-top:1rem;width:100%}.pick button{background:#fff;color:#1d4ed8;padding:.25rem .75rem}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.error{padding:.75rem;border:1px solid #b91c1c;border-radius:.25rem;background:#fef2f2;color:#991b1b}
.mock{padding:.5rem .75rem;border-left:4px solid #b45309;background:#fffbeb}
ul{list-style:none;padding:0;margin:.5rem 0}li{display:flex;gap:.75rem;align-items:center;padding:.35rem 0;border-top:1px solid #e5e7eb}
.meta{color:#4b5563;font-size:.875rem;overflow-wrap:anywhere}code{font-size:.9em}`;

/** A whole page of the hosted UI: its styles, `title` and `body` (HTML). */
export function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · mock-idp</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The hosted login page: a sign-in form and, as a labelled mock shortcut, the pool's users to pick from. Works without JavaScript. */
export function renderLoginPage(page: LoginPage): string {
  const action = `login?${escapeHtml(page.query)}`;
  const context = `<p class="context">to <strong>${escapeHtml(page.clientName)}</strong> · pool <code>${escapeHtml(page.poolId)}</code> · mock-idp hosted UI</p>`;
  const error = page.error ? `<p class="error" role="alert" id="error" data-code="${escapeHtml(page.error.code)}">${escapeHtml(page.error.message)}</p>` : '';
  const describedBy = page.error ? ' aria-describedby="error"' : '';
  const csrf = `<input type="hidden" name="_csrf" value="${escapeHtml(page.csrf)}">`;
  if (page.newPasswordFor) {
    const { username, password } = page.newPasswordFor;
    return document(
      'Change password',
      `<h1>Change password</h1>
${context}
${error}
<p>${escapeHtml(username)} signed in with a temporary password and must choose a new one.</p>
<form method="post" action="${action}">
${csrf}
<input type="hidden" name="username" value="${escapeHtml(username)}">
<input type="hidden" name="password" value="${escapeHtml(password)}">
<label for="newPassword">New password</label>
<input id="newPassword" name="newPassword" type="password" autocomplete="new-password" required minlength="8"${describedBy}>
<label for="confirmPassword">Confirm new password</label>
<input id="confirmPassword" name="confirmPassword" type="password" autocomplete="new-password" required minlength="8">
<button type="submit">Change password and sign in</button>
</form>`,
    );
  }
  const users = page.users
    .map((u) => {
      const state = !u.enabled ? 'disabled' : u.status === 'CONFIRMED' ? '' : u.status;
      const meta = [u.attributes.email, state]
        .filter(Boolean)
        .map((s) => escapeHtml(s!))
        .join(' · ');
      return `<li><button type="submit" name="pick" value="${escapeHtml(u.username)}">Sign in as ${escapeHtml(u.username)}</button> <span class="meta">${meta}</span></li>`;
    })
    .join('\n');
  const search = page.search ?? '';
  // A GET form: the authorize parameters ride along as hidden fields, `q` is the search.
  const kept = [...new URLSearchParams(page.query)]
    .filter(([name]) => name !== 'q')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const federation = page.providers?.length
    ? `<section aria-labelledby="federation-heading">
<h2 id="federation-heading">Sign in with your corporate ID</h2>
<form method="get" action="oauth2/authorize" class="federation">
${[...new URLSearchParams(page.query)]
  .filter(([name]) => name !== 'q' && name !== 'identity_provider' && name !== 'idp_identifier')
  .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
  .join('\n')}
${page.providers.map((name) => `<button type="submit" name="identity_provider" value="${escapeHtml(name)}">Sign in with ${escapeHtml(name)}</button>`).join('\n')}
</form>
</section>
`
    : '';
  const shown = page.users.length;
  const counted = search ? `${shown} shown matching “${escapeHtml(search)}”` : `${shown} of ${page.total} users shown`;
  const hint = !page.more ? '' : search ? '; more may match: type more of the username or email' : '; search to find the others';
  const summary = page.total === undefined ? '' : `<p class="meta" id="users-shown">${counted}${hint}.</p>`;
  return document(
    'Sign in',
    `<h1>Sign in</h1>
${context}
${error}
<form method="post" action="${action}">
${csrf}
<label for="username">Username or email</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(page.username ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
${federation}<section aria-labelledby="pick-heading">
<h2 id="pick-heading">Pick a fixture user</h2>
<p class="mock">Mock shortcut, good for demos: signs in <strong>without a password</strong> (or MFA code). Real Cognito has no such list. Passwords are in <code>GET /_mock/pools</code>.</p>
<form method="get" action="login" role="search" class="search">
${kept}
<label for="q">Find a user by username or email</label>
<input id="q" name="q" type="search" value="${escapeHtml(search)}">
<button type="submit">Search</button>
</form>
${summary}
<form method="post" action="${action}" class="pick">
${csrf}
<ul>
${users || (search ? '<li>No user matches.</li>' : '<li>This pool has no users.</li>')}
</ul>
</form>
</section>`,
  );
}

/** The page for a request that cannot be sent back to the client (unknown client, unregistered redirect_uri). */
export function renderErrorPage(error: { code: string; message: string }): string {
  return document(
    'Error',
    `<h1>Something went wrong</h1>
<p class="error" role="alert" id="error" data-code="${escapeHtml(error.code)}">${escapeHtml(error.message)}</p>
<p class="context">mock-idp hosted UI · error <code>${escapeHtml(error.code)}</code></p>`,
  );
}
