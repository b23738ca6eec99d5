import t from 'tap';
import type { UserRecord } from '../../src/config/types.js';
import { authorizeQuery, cookieOf, get, postLogin, spaId, startOAuthIdp, teamsSpaId } from '../helpers/oauth2.js';

const errorCode = (html: string) => /data-code="([^"]+)"/.exec(html)?.[1];

t.test("GET /login: a self-contained page with the sign-in form and the pool's users", async (t) => {
  const idp = await startOAuthIdp(t);
  const res = await get(`${idp.url}/login?${authorizeQuery(spaId)}`);
  t.equal(res.status, 200);
  t.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  t.equal(res.headers.get('cache-control'), 'no-store');
  t.match(res.headers.get('content-security-policy'), "default-src 'none'");
  t.equal(res.headers.get('x-frame-options'), 'DENY');
  const html = await res.text();
  t.match(html, '<html lang="en">');
  t.match(html, /<label for="username">[^<]+<\/label>\s*<input id="username" name="username"/);
  t.match(html, /<label for="password">[^<]+<\/label>\s*<input id="password" name="password" type="password"/);
  t.match(html, `<form method="post" action="login?${authorizeQuery(spaId).replace(/&/g, '&#38;')}">`, 'posts back with the same query');
  for (const username of ['alice', 'bob', 'jayde.lowe59']) t.match(html, `name="pick" value="${username}"`, `lists ${username}`);
  t.notMatch(html, 'value="carol"', "only this pool's users");
  t.notMatch(html, /<script|src=|href=/, 'no scripts, no external assets');
});

t.test('everything on the page is escaped', async (t) => {
  const idp = await startOAuthIdp(t);
  const pool = idp.services.directory.pool();
  idp.services.directory.addUser(pool, {
    ...structuredClone(pool.users[0]!),
    username: '<script>alert(1)</script>',
    attributes: { email: '"><img src=x onerror=alert(2)>@example.com' },
  } satisfies UserRecord);
  const html = await (await get(`${idp.url}/login?${authorizeQuery(spaId, { state: '"><script>alert(3)</script>' })}`)).text();
  t.notMatch(html, /<script|<img/, 'no markup from data');
  t.match(html, 'value="&#60;script&#62;alert(1)&#60;/script&#62;"');
  t.match(html, 'Sign in as &#60;script&#62;alert(1)&#60;/script&#62;');
  t.match(html, '&#34;&#62;&#60;img src=x onerror=alert(2)&#62;@example.com');

  const picked = await postLogin(`${idp.url}/login?${authorizeQuery(spaId)}`, { pick: '<script>alert(1)</script>' });
  t.equal(picked.status, 302, 'and that user can sign in');
});

t.test("sign-in errors re-show the page with Cognito's error type and no redirect", async (t) => {
  const idp = await startOAuthIdp(t);
  const url = `${idp.url}/login?${authorizeQuery(spaId)}`;
  const pool = idp.services.directory.pool();
  const user = (username: string) => pool.users.find((u) => u.username === username)!;
  user('bob').enabled = false;
  user('jayde.lowe59').status = 'UNCONFIRMED';
  const cases: Array<[string, Record<string, string>, string]> = [
    ['wrong password', { username: 'alice', password: 'not-it' }, 'NotAuthorizedException'],
    ['unknown user', { username: 'nobody', password: 'x' }, 'NotAuthorizedException'],
    ['disabled user', { username: 'bob', password: idp.fixtures.passwords.bob! }, 'NotAuthorizedException'],
    ['unconfirmed user', { username: 'jayde.lowe59', password: idp.fixtures.passwords['jayde.lowe59']! }, 'UserNotConfirmedException'],
    ['picking a disabled user', { pick: 'bob' }, 'NotAuthorizedException'],
  ];
  for (const [what, form, code] of cases) {
    const res = await postLogin(url, form);
    t.equal(res.status, 400, `${what}: 400`);
    t.equal(res.headers.get('location'), null, `${what}: no redirect`);
    t.equal(res.headers.get('set-cookie'), null, `${what}: no session`);
    const html = await res.text();
    t.equal(errorCode(html), code, `${what}: ${code}`);
    t.match(html, 'role="alert"');
  }
  const kept = await (await postLogin(url, { username: 'alice', password: 'nope' })).text();
  t.match(kept, 'name="username" autocomplete="username" required autofocus value="alice"', 'the username stays in the form');

  const byEmail = await postLogin(url, { username: user('alice').attributes.email!, password: idp.fixtures.passwords.alice! });
  t.equal(byEmail.status, 302, 'the email works as a username');
  const notAForm = await fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: '{"username":"alice"}' });
  t.equal(notAForm.status, 400);
  t.equal(errorCode(await notAForm.text()), 'invalid_request', 'a JSON body is not a form');
});

t.test('FORCE_CHANGE_PASSWORD: the temporary password leads to a new-password form', async (t) => {
  const idp = await startOAuthIdp(t);
  const url = `${idp.url}/login?${authorizeQuery(teamsSpaId)}`;
  const temporary = idp.fixtures.passwords.kraig_prohaska!;
  const asked = await postLogin(url, { username: 'kraig_prohaska', password: temporary });
  t.equal(asked.status, 200, 'no redirect yet');
  t.equal(asked.headers.get('set-cookie'), null);
  const html = await asked.text();
  t.match(html, '<h1>Change password</h1>');
  t.match(html, /name="newPassword" type="password" autocomplete="new-password"/);

  const change = (newPassword: string, confirmPassword: string) => postLogin(url, { username: 'kraig_prohaska', password: temporary, newPassword, confirmPassword });
  const mismatch = await change('Brand-new-1!', 'Brand-new-2!');
  t.equal(errorCode(await mismatch.text()), 'InvalidParameterException', 'the two must match');
  const short = await change('short', 'short');
  t.equal(errorCode(await short.text()), 'InvalidPasswordException', 'at least 8 characters');

  const done = await change('Brand-new-1!', 'Brand-new-1!');
  t.equal(done.status, 302);
  t.match(cookieOf(done), /^mock-idp-session_eu-west-1_TeamsPool_/);
  const user = idp.services.directory.findUser(idp.services.directory.pool('eu-west-1_TeamsPool'), 'kraig_prohaska')!;
  t.equal(user.status, 'CONFIRMED');
  t.equal((await postLogin(url, { username: 'kraig_prohaska', password: temporary })).status, 400, 'the temporary password is spent');
  t.equal((await postLogin(url, { username: 'kraig_prohaska', password: 'Brand-new-1!' })).status, 302, 'the new one works');
});

t.test('GET /login checks the authorize parameters too', async (t) => {
  const idp = await startOAuthIdp(t);
  const page = await get(`${idp.url}/login?${authorizeQuery(spaId, { redirect_uri: 'https://evil.example/' })}`);
  t.equal(page.status, 400);
  t.equal(errorCode(await page.text()), 'redirect_mismatch');
  const redirected = await get(`${idp.url}/login?${authorizeQuery(spaId, { scope: 'profile' })}`);
  t.equal(new URL(redirected.headers.get('location')!).searchParams.get('error'), 'invalid_scope');
});
