/**
 * Help for a pasted token: decoded as it is typed, "Bearer " taken off (and
 * said), one "Empty" message for an empty box, pool, client and token type
 * filled from the token in one click, and a token of another issuer named as
 * such first, with what a verifier must check instead of UNKNOWN_KID's
 * "refetch the JWKS". Chromium, in-process server, manual clock.
 */
import { generateKeyPair, SignJWT } from 'jose';
import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { call, startTestIdp, testEpochMs } from '../helpers/idp.js';

const browser = await launchBrowser(t);

/** An access token as real Cognito would sign it for another pool, with a key of our own. */
async function foreignToken(): Promise<{ token: string; iss: string }> {
  const { privateKey } = await generateKeyPair('RS256');
  const iss = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Elsewhere';
  const now = testEpochMs / 1000;
  const token = await new SignJWT({ token_use: 'access', client_id: '1example23456789', scope: 'aws.cognito.signin.user.admin', username: 'bob' })
    .setProtectedHeader({ alg: 'RS256', kid: 'not-a-key-of-this-server' })
    .setIssuer(iss)
    .setSubject('7f1c6a9e-0000-4000-8000-000000000001')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(privateKey);
  return { token, iss };
}

if (browser) {
  t.test('a token from another issuer: said first, with what a verifier must check; no "refetch the JWKS"', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    const { token, iss } = await foreignToken();
    await page.locator('#tab-verify').click();
    await page.locator('#verify-token').fill(token);
    t.equal(await page.locator('#verify-paste-status > :first-child').getAttribute('id'), 'verify-foreign', 'the first thing the help says');
    t.equal(await page.locator('#verify-foreign').textContent(), `This token is from another issuer: ${iss}. `);
    t.match(await page.locator('#verify-foreign-advice').textContent(), /refetching the JWKS will not help.*A verifier must check/);
    t.equal(await page.locator('#verify-fill').count(), 0, 'no pool of this server to fill in');
    t.match(await page.locator('#verify-paste-summary dd[data-claim="exp"]').textContent(), /\(2030-01-01 01:00:00 UTC\)$/, 'decoded as pasted, times readable');
    t.equal(await page.locator('#verify-paste-summary dd[data-claim="client_id"]').textContent(), '"1example23456789"', 'the client it is for');
    t.match(await page.locator('#pasted-payload tr[data-claim="iss"] td:last-child').textContent(), /Issuer/, 'every field explained, one click away');

    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict').waitFor();
    t.equal(await page.locator('#verify-result > :first-child').getAttribute('id'), 'verify-foreign-verdict', 'the result says it first too');
    t.equal(await page.locator('#verify-verdict').getAttribute('data-code'), 'UNKNOWN_KID');
    const advice = await page.locator('#verify-advice').textContent();
    t.notMatch(advice, /Refetch the JWKS once/, 'not UNKNOWN_KID\'s advice');
    t.match(advice, /A verifier must check/);
    t.equal(await page.locator('#verify-checks tr[data-check="issuer"]').getAttribute('data-would-fail'), 'true', 'the issuer check would also fail');
    t.match(await page.locator('#verify-checks tr[data-check="issuer"] .status').textContent(), /would also fail/);
    t.match(await page.locator('#verify-would-fail').textContent(), /Issuer \(iss\).*would also fail/);
  });

  t.test('"Bearer " is taken off and said; an empty box gets one message, and Verify sends nothing', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    await page.locator('#tab-verify').click();
    t.match(await page.locator('#verify-paste-status').textContent(), /^Empty: paste a JWT/, 'empty at first');
    const minted = await call(idp, 'POST', '/_mock/tokens', {});
    const token = (minted.body as { token: string }).token;
    await page.locator('#verify-token').fill(`Bearer ${token}`);
    t.equal(await page.locator('#verify-token').inputValue(), token, 'the box holds the token alone');
    t.match(await page.locator('#verify-bearer').textContent(), /Removed the leading "Bearer "/);
    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict[data-code="ACCEPTED"]').waitFor();

    await page.locator('#verify-token').fill('   ');
    t.equal(await page.locator('#verify-paste-status').textContent(), 'Empty: paste a JWT (three base64url parts separated by dots) or mint one on the Mint tab.');
    let verifies = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/_mock/verify')) verifies += 1;
    });
    await page.locator('#verify-button').click();
    t.ok(await page.locator('#verify-error').isHidden(), 'no second, contradicting message');
    t.equal(await page.locator('#verify-result .stale-note').textContent(), 'For the previous token: verify again.', 'the old verdict is greyed');
    t.equal(await page.locator('#verify-paste-details').textContent(), '', 'nothing decoded');
    t.equal(verifies, 0, 'nothing sent');
  });

  t.test('one click fills pool, client and token type from iss, client_id and token_use', async (t) => {
    const idp = await startTestIdp(t);
    const page = await openPage(t, browser, idp.url);
    const minted = await call(idp, 'POST', '/_mock/tokens', { client: 'backend', tokenUse: 'access' });
    const { token, client } = minted.body as { token: string; client: string };
    await page.locator('#tab-verify').click();
    await page.locator('#verify-token').fill(token);
    t.not(await page.locator('#verify-client').inputValue(), client, 'the form expects another client');
    t.equal(await page.locator('#verify-token-use').inputValue(), 'id', 'and an ID token');
    t.match(await page.locator('#verify-fill').textContent(), /^Use pool \S+, client \S+, access token \(from the token\)$/);
    await page.locator('#verify-fill').click();
    t.equal(await page.locator('#verify-client').inputValue(), client);
    t.equal(await page.locator('#verify-token-use').inputValue(), 'access');
    t.equal(await page.locator('#verify-fill').count(), 0, 'nothing left to fill');
    t.ok(await page.locator('#verify-matches').isVisible(), 'the help says the form matches the token');
    await page.locator('#verify-button').click();
    await page.locator('#verify-verdict[data-code="ACCEPTED"]').waitFor();
    t.pass('verified as its app would: accepted (not WRONG_TOKEN_USE)');
  });
}
