import { decodeToken } from './jwt.js';
import type { WhichRefreshToken } from './refresh-view.js';
import type { TabId } from './tabs.js';
import type { LoginOutcome } from './types.js';
import type { JwksCacheReport, KeyInfo, TokenUse, VerifyReport } from './wire.js';

/** What a lesson can do: the page's own controls, pressed for the learner, and what a check reads. */
export interface LessonControls {
  /** Sets the Mint form (unset fields: the default pool, its spa client, alice; no edited claims) and presses Mint. */
  mint(values: { scenario: string; tokenUse: TokenUse }): Promise<void>;
  /** Puts the current token in the Verify form, optionally expecting the other token type, and presses Verify. */
  verify(options?: { expect?: TokenUse }): Promise<VerifyReport>;
  /** Presses Verify with the Verify form as the learner left it (token, pool, client, token type). */
  verifyAsSet(): Promise<VerifyReport>;
  /**
   * Verifies the current token with the Verify button (a new verifier, fetching the JWKS now) and with the
   * server's caching verifier (its JWKS copy kept between verifications), and shows both side by side.
   */
  verifyBoth(): Promise<{ cached: VerifyReport & { cache: JwksCacheReport }; fresh: VerifyReport }>;
  /** Makes the server's caching verifiers forget their JWKS copies. */
  forgetCachedJwks(): Promise<void>;
  /** Presses "Log in to App Services" with the current token. */
  appServicesLogin(): Promise<LoginOutcome>;
  /** Presses a Rotate button of the Keys panel. */
  rotate(tokenUse: TokenUse): Promise<void>;
  /** Presses "Retire now" on the key that signed the current token. */
  retireSigner(): Promise<void>;
  /** The keys of the current token's pool, as the server has them now. */
  keys(): Promise<KeyInfo[]>;
  /** Shifts the server's clock (Time panel). */
  shiftClock(seconds: number): Promise<void>;
  /** Stops the server's clock at the current token's `exp` plus `seconds` (negative: before it), to the millisecond. */
  clockToExp(seconds: number): Promise<void>;
  /** The server's time now, epoch seconds. */
  nowSeconds(): Promise<number>;
  /** Puts the server's clock back to real time. */
  resetClock(): Promise<void>;
  /** Stops the server's clock at its time now (Time panel): it moves only when shifted, until reset. */
  freezeClock(): Promise<void>;
  /** Makes the JWKS answer `status` for the next `count` requests (every request when omitted), through the fault injector. */
  breakJwks(fault: { status: number; count?: number }): Promise<void>;
  /** How many more requests the JWKS fault will fail (0: none left or none set). */
  jwksFaultsLeft(): Promise<number>;
  /** Clears every fault. */
  clearFaults(): Promise<void>;
  /** Signs a fixture user in with the default pool's client that rotates refresh tokens (Time panel's refresh list). */
  signInWithRotation(): Promise<void>;
  /** GetTokensFromRefreshToken with the sign-in's first refresh token or its newest; the outcome joins the list. */
  refresh(which: WhichRefreshToken): Promise<void>;
  /** The refresh list's entries, oldest first: each outcome and its text. */
  refreshLog(): Array<{ outcome: string; text: string }>;
  /** Shows a panel. */
  show(tab: TabId): void;
}

/** A question the learner answers before the step reveals what happens: two or three answers, one right. */
export interface Prediction {
  question: string;
  choices: string[];
  /** The index of the right answer in `choices`. */
  answer: number;
}

/** One step: a goal, a prediction, then what happens, with the element to look at highlighted. */
export interface LessonStep {
  /** A few words, shown as the step's heading. */
  title: string;
  /** What the step is for, in one sentence, shown before the question. */
  goal: string;
  /** Runs before the question: brings about what the learner predicts about (mints the token, moves the clock). */
  setup?: (controls: LessonControls) => Promise<void>;
  predict: Prediction;
  /** Runs once the learner has answered: what reveals the answer. */
  do: (controls: LessonControls) => Promise<void>;
  /** What happened and why, in two or three sentences, shown with the feedback. */
  say: string;
  /** What to look at while predicting (a CSS selector): highlighted and scrolled into view once the setup has run. */
  lookFirst?: string;
  /** What to look at once revealed (a CSS selector): highlighted and scrolled into view. */
  look?: string;
}

/** How a learner's own attempt went. */
export interface TurnResult {
  ok: boolean;
  /** Why it is right, or what is still missing. */
  say: string;
}

/** What the page held when the learner's turn began, for checks that need something new. */
export interface TurnStart {
  /** The token minted last when the turn began (null: none). */
  token: string | null;
  /** The refresh list's first entry then (null: no list). */
  refreshFirst: string | null;
}

/** The last step: the learner does something alone with the page's controls, and the lesson checks it. */
export interface YourTurn {
  /** What to do, in a sentence or two. */
  task: string;
  setup?: (controls: LessonControls) => Promise<void>;
  /** Buttons the task needs that the page has nowhere else (small clock moves, a refresh): label and action. */
  tools?: Array<{ label: string; run: (controls: LessonControls) => Promise<void> }>;
  check: (controls: LessonControls, start: TurnStart, token: string | null) => Promise<TurnResult>;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  steps: LessonStep[];
  yourTurn: YourTurn;
  /**
   * Stop the server's clock when the lesson starts, so the time the learner
   * spends reading does not count (only the lesson moves it). Every lesson
   * starts and ends on real time with no faults, whether it freezes or not.
   */
  freezeClock?: boolean;
}

const acceptOrReject = (reject: string): string[] => ['The verifier accepts it', `The verifier rejects it: ${reject}`];
/** The failed check's row: the code, the reason, the fix. */
const verdictRow = '#verify-checks tr[data-status="failed"]';
const rejectedWith = (report: VerifyReport) => (report.verdict.accept ? 'accepted' : `rejected with ${report.verdict.code}`);

/** The caching lesson's last look at the caching verifier's copy: the next step moves the clock past its max-age. */
const cachingCopy: { report: JwksCacheReport | null } = { report: null };

/** The guided lessons, in the order the Lessons panel lists them. */
export const lessons: readonly Lesson[] = [
  {
    id: 'rotation',
    title: 'Why does my token fail after a key rotation?',
    summary: 'Mint, rotate, retire: see which key signed the token, and when the verifier stops finding it.',
    steps: [
      {
        title: 'Mint a valid ID token',
        goal: 'See which key signs a token, and how the token names it.',
        predict: { question: 'Which key will sign the token?', choices: ["The pool's active ID-token key", 'Any key of the JWKS, picked at random', "The pool's access-token key"], answer: 0 },
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
        say: "The pool's active ID-token key signed it. The kid in the header names that key, so a verifier knows which JWKS key to check the signature with.",
        look: '#decoded-header tr[data-claim="kid"]',
      },
      {
        title: 'Verify it',
        goal: 'Watch a verifier find the key by its kid.',
        predict: { question: 'Will the verifier accept this fresh token?', choices: acceptOrReject('UNKNOWN_KID'), answer: 0 },
        do: (c) => c.verify().then(() => {}),
        say: 'Accepted: the verifier fetched the JWKS, found the kid there, checked the signature and the claims.',
        look: '#verify-verdict',
      },
      {
        title: 'Rotate the ID-token key',
        goal: 'See what a rotation does to the key that signed our token.',
        predict: { question: 'After the rotation, where is the key that signed our token?', choices: ['Gone from the JWKS at once', 'Still in the JWKS, retiring: a new key signs from now on'], answer: 1 },
        do: (c) => c.rotate('id'),
        say: 'A new key is published and signs from now on. The old key is retiring: still in the JWKS, and marked ★ as the one that signed our token.',
        look: '#key-timeline .signer',
      },
      {
        title: 'Verify the same token again',
        goal: 'Find out whether a rotation logs anybody out.',
        predict: { question: 'The token was signed by the key that is now retiring. Will the verifier accept it?', choices: acceptOrReject('UNKNOWN_KID'), answer: 0 },
        do: (c) => c.verify().then(() => {}),
        say: 'Still accepted. A replaced key stays published as long as tokens it signed can be valid (the overlap), so rotations log nobody out. A verifier that keeps only the newest key would fail here.',
        look: '#verify-verdict',
      },
      {
        title: 'Retire the old key',
        goal: 'See what the end of the overlap does to the JWKS.',
        predict: { question: 'What happens to the JWKS when the old key retires?', choices: ["The signer's kid leaves it", 'Nothing, until every token it signed has expired'], answer: 0 },
        do: (c) => c.retireSigner(),
        say: 'Retiring takes the key out of the JWKS, as happens at the end of the overlap: its kid is no longer there.',
        look: '#jwks-view',
      },
      {
        title: 'Verify once more',
        goal: 'See how a verifier fails when the signing key is gone.',
        predict: { question: 'The token has not expired, but its key has left the JWKS. What does the verifier say?', choices: ['It accepts it', 'It rejects it: EXPIRED', 'It rejects it: UNKNOWN_KID'], answer: 2 },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with UNKNOWN_KID: the verifier refetched the JWKS and the kid is gone. A verifier with a cached JWKS would go on accepting until its cache expires: keep max-age short, and refetch once on an unknown kid.',
        look: verdictRow,
      },
    ],
    yourTurn: {
      task: 'Mint a new token yourself (Mint panel), then make the verifier reject it with UNKNOWN_KID without changing the token (Keys panel). Then press Check.',
      async check(c, start, token) {
        if (!token || token === start.token) return { ok: false, say: 'Mint a new token first: the check verifies the token minted last.' };
        const report = await c.verify();
        if (!report.verdict.accept && report.verdict.code === 'UNKNOWN_KID') return { ok: true, say: 'Rejected with UNKNOWN_KID: you took its key out of the JWKS.' };
        return { ok: false, say: `Your token is ${rejectedWith(report)}. Retire the key that signed it (★ in the Keys panel), then check again.` };
      },
    },
  },
  {
    id: 'token-use',
    title: 'ID token or access token?',
    summary: 'Both are signed by the pool; aud, client_id and token_use tell them apart, and APIs take only one.',
    steps: [
      {
        title: 'Mint an ID token',
        goal: 'Learn what an ID token is for.',
        predict: { question: 'Who is an ID token for?', choices: ['The client app: it says who signed in', 'An API: it says what the caller may do'], answer: 0 },
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
        say: 'aud is the client id and token_use is "id"; the user\'s attributes (email, name…) are in it. It tells the client app who signed in.',
        look: '#decoded-payload tr[data-claim="token_use"]',
      },
      {
        title: 'Mint an access token',
        goal: 'See how an access token differs.',
        predict: { question: 'Which claim will the access token lack?', choices: ['sub', 'aud', 'exp'], answer: 1 },
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'access' }),
        say: 'No aud: client_id names the client instead. token_use is "access", scope says what it allows, and there are no personal attributes. This is what an API takes.',
        look: '#decoded-payload tr[data-claim="client_id"]',
      },
      {
        title: 'Verify it where an ID token is expected',
        goal: 'See whether a verifier tells the two apart.',
        predict: { question: 'The access token is verified by an app that expects ID tokens. What happens?', choices: acceptOrReject('WRONG_TOKEN_USE'), answer: 1 },
        do: (c) => c.verify({ expect: 'id' }).then(() => {}),
        say: 'Rejected with WRONG_TOKEN_USE: the signature and the issuer are fine, but token_use is not what was asked for. Without this check an ID token could be used to call an API, or the reverse.',
        look: verdictRow,
      },
      {
        title: 'Verify it as an access token',
        goal: 'Check the same token where it belongs.',
        predict: { question: 'The same token, verified as an access token: which row checks its client, since it has no aud?', choices: ['None: the audience check is skipped', 'The audience row, reading client_id'], answer: 1 },
        do: (c) => c.verify({ expect: 'access' }).then(() => {}),
        say: 'Accepted. For an access token the audience row checks client_id, since Cognito access tokens have no aud.',
        look: '#verify-checks tr[data-check="audience"], #verify-verdict',
      },
      {
        title: 'Log in to App Services with the access token',
        goal: 'See what a relying party that requires aud does with it.',
        predict: { question: 'App Services requires aud. Will it log the access token in?', choices: ['Yes: the signature is good', 'No: the token has no aud'], answer: 1 },
        do: (c) => c.appServicesLogin().then(() => {}),
        say: 'Refused: App Services requires aud, which access tokens lack. Log in with the ID token.',
        look: '#app-services-verdict',
      },
    ],
    yourTurn: {
      task: 'Get an ID token rejected with WRONG_TOKEN_USE: mint one, put it in the Verify panel ("Verify this token"), choose the token type it is not, and press Check here (it presses Verify with the form as you left it).',
      async check(c) {
        const report = await c.verifyAsSet();
        if (!report.verdict.accept && report.verdict.code === 'WRONG_TOKEN_USE' && report.verifier.tokenUse === 'access') {
          return { ok: true, say: 'Rejected with WRONG_TOKEN_USE: an ID token where an access token was expected.' };
        }
        return { ok: false, say: `The Verify form's token, checked as an ${report.verifier.tokenUse} token, is ${rejectedWith(report)}. Put an ID token in it and expect an access token.` };
      },
    },
  },
  {
    id: 'app-services',
    title: 'What the App Services login checks',
    summary: 'The same tokens through mock-idp/verifier and through the App Services Custom JWT login: where they agree, and where App Services looks less.',
    steps: [
      {
        title: 'Log in with a valid ID token',
        goal: 'See what App Services checks and keeps.',
        setup: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
        predict: { question: 'A valid ID token: will App Services log it in?', choices: ['Yes, and it copies the claims into the profile', 'Yes, but it keeps only the user id', 'No'], answer: 0 },
        do: (c) => c.appServicesLogin().then(() => {}),
        say: "Accepted. App Services checked the signature with the JWK URI's key, exp, and aud, and copied email, name and groups into the user's profile.",
        look: '#app-services-verdict',
      },
      {
        title: 'An expired token',
        goal: 'Compare both on expiry.',
        setup: (c) => c.mint({ scenario: 'expired', tokenUse: 'id' }),
        lookFirst: '#decoded-payload tr[data-claim="exp"]',
        predict: { question: 'An expired token: what do the verifier and App Services say?', choices: ['Both refuse it', 'The verifier refuses it; App Services logs it in'], answer: 0 },
        do: async (c) => {
          await c.verify();
          await c.appServicesLogin();
        },
        say: 'Both refuse it: the verifier with EXPIRED, App Services with "Token is expired".',
        look: '#app-services-verdict',
      },
      {
        title: 'A token of another issuer',
        goal: 'Find what App Services does not check.',
        setup: (c) => c.mint({ scenario: 'wrong-issuer', tokenUse: 'id' }),
        lookFirst: '#decoded-payload tr[data-claim="iss"]',
        predict: { question: 'The token is signed by a key of the JWK URI but names another issuer. App Services has no issuer setting: will it log the token in?', choices: ['Yes', 'No'], answer: 0 },
        do: async (c) => {
          await c.verify();
          await c.appServicesLogin();
        },
        say: 'The verifier rejects it with WRONG_ISSUER, but App Services logs it in: it has no issuer setting, so any token signed by a key of its JWK URI passes.',
        look: '#app-services-verdict',
      },
      {
        title: 'An access token where an ID token belongs',
        goal: 'Compare both on the token type.',
        setup: (c) => c.mint({ scenario: 'wrong-token-use', tokenUse: 'id' }),
        lookFirst: '#decoded-payload tr[data-claim="token_use"]',
        predict: { question: 'App Services does not read token_use. Will it log in an access token?', choices: ['Yes: it does not read token_use', 'No: the access token has no aud, and aud is required'], answer: 1 },
        do: async (c) => {
          await c.verify();
          await c.appServicesLogin();
        },
        say: 'App Services does not read token_use either, but the access token has no aud, and aud is required: refused.',
        look: '#app-services-verdict',
      },
    ],
    yourTurn: {
      task: 'Mint a token that App Services logs in while the verifier rejects it, and press Check (it verifies the token minted last and logs it in).',
      async check(c, _start, token) {
        if (!token) return { ok: false, say: 'Mint a token first.' };
        const report = await c.verify();
        const login = await c.appServicesLogin();
        const loggedIn = login.status >= 200 && login.status < 300;
        if (!report.verdict.accept && loggedIn) return { ok: true, say: `The verifier says ${report.verdict.code}, App Services logged it in: a check App Services does not make.` };
        return { ok: false, say: `The verifier: ${rejectedWith(report)}; App Services: ${loggedIn ? 'logged in' : 'refused'}. Look for a scenario one of them checks and the other does not.` };
      },
    },
  },
  {
    id: 'expiry',
    title: 'Watch a token expire',
    summary: "Shift the server's clock instead of waiting an hour.",
    steps: [
      {
        title: 'Mint a valid ID token',
        goal: 'See how long a token lives.',
        predict: { question: 'How long will the ID token live?', choices: ['One hour: exp is iat + 3600', 'Until the user signs out', 'One day'], answer: 0 },
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
        say: "It lives one hour: exp is iat + 3600, the client's ID-token validity. The countdown runs on the server's clock.",
        look: '#decoded-payload tr[data-claim="exp"]',
      },
      {
        title: "Move the server's clock 61 minutes on",
        goal: 'Expire the token without waiting.',
        predict: { question: "The server's clock jumps 61 minutes ahead. What does the countdown say?", choices: ['Expires in 59 min', 'Expired a minute ago'], answer: 1 },
        do: (c) => c.shiftClock(3660),
        say: 'The countdown now says the token expired a minute ago. Nobody waited: tests should do the same.',
        look: '#time-token',
      },
      {
        title: 'Verify it',
        goal: 'See where the verifier stops.',
        predict: { question: 'Which check will fail?', choices: ['The signature', 'exp: EXPIRED', 'None: the signature is still good'], answer: 1 },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with EXPIRED at the exp row; the rows before it passed, and the ones after it were not reached.',
        look: verdictRow,
      },
      {
        title: 'Back to real time',
        goal: 'See that expiry is only a matter of the clock.',
        predict: { question: 'The clock goes back to real time. The same token, verified again:', choices: acceptOrReject('EXPIRED'), answer: 0 },
        do: async (c) => {
          await c.resetClock();
          await c.verify();
        },
        say: 'The clock is back, the token is within its hour again, and the verifier accepts it.',
        look: '#verify-verdict',
      },
    ],
    yourTurn: {
      task: 'Make the verifier reject a token as EXPIRED without the "expired" scenario: mint a valid token, then use the Time panel. Press Check (it verifies the token minted last).',
      async check(c, start, token) {
        if (!token || token === start.token) return { ok: false, say: 'Mint a new token first: the check verifies the token minted last.' };
        const report = await c.verify();
        if (!report.verdict.accept && report.verdict.code === 'EXPIRED') return { ok: true, say: 'Rejected with EXPIRED: you moved the clock past its exp.' };
        return { ok: false, say: `Your token is ${rejectedWith(report)}. Move the server's clock past its exp (Time panel), then check again.` };
      },
    },
  },
  {
    id: 'caching',
    title: 'A caching verifier after a key retires',
    summary: 'Two verifiers side by side, one caching the JWKS for its max-age: a retired key that still works, the refetch once max-age is over, and a new key accepted at once.',
    freezeClock: true,
    steps: [
      {
        title: 'Two verifiers check a token',
        goal: 'Compare a verifier that caches the JWKS with one that fetches it for every token.',
        setup: async (c) => {
          await c.forgetCachedJwks();
          await c.mint({ scenario: 'valid', tokenUse: 'id' });
          c.show('keys');
        },
        lookFirst: '#jwks-meta',
        predict: {
          question: 'Neither verifier has a copy of this JWKS yet. Where does the caching verifier get the keys?',
          choices: ['From its cache: keys are loaded at start-up', 'It fetches the JWKS, then keeps that copy until its max-age runs out'],
          answer: 1,
        },
        do: async (c) => {
          cachingCopy.report = (await c.verifyBoth()).cached.cache;
        },
        say: "Both fetched the JWKS and accept the token. The caching verifier keeps its copy for the Cache-Control max-age the JWKS answered with (the header under the JWKS in the Keys panel), on the server's clock; the other fetches again for every token, one request to the IdP each time.",
        look: '#cache-compare',
      },
      {
        title: 'The signing key retires',
        goal: 'See which verifier notices that a key has left the JWKS.',
        setup: async (c) => {
          await c.rotate('id');
          await c.retireSigner();
        },
        lookFirst: '#jwks-view',
        predict: {
          question: "A new key signs now, and the token's key has left the JWKS. Both verifiers check the token again:",
          choices: ['Both reject it: UNKNOWN_KID', 'The caching verifier accepts it; the other rejects it: UNKNOWN_KID', 'Both accept it: the token has not expired'],
          answer: 1,
        },
        do: async (c) => {
          cachingCopy.report = (await c.verifyBoth()).cached.cache;
        },
        say: "The caching verifier's copy is fresh and still lists the retired kid, so it does not refetch: it accepts. The verifier that fetched just now says UNKNOWN_KID. A retirement reaches a caching verifier only once its copy expires, so a retired key's tokens can work for up to max-age longer.",
        look: '#cache-compare',
      },
      {
        title: 'Past max-age',
        goal: 'See when the retirement reaches the caching verifier.',
        predict: {
          question: "The server's clock moves just past the copy's max-age. The caching verifier checks the same token:",
          choices: ['It accepts it: the kid is still in its copy', 'It refetches the JWKS, finds no such kid, and rejects it: UNKNOWN_KID'],
          answer: 1,
        },
        do: async (c) => {
          const copy = cachingCopy.report;
          // Just past the copy's freshness: its max-age less its age, and a second.
          await c.shiftClock(Math.max(1, (copy?.maxAgeSeconds ?? 0) - (copy?.ageSeconds ?? 0) + 1));
          cachingCopy.report = (await c.verifyBoth()).cached.cache;
        },
        say: 'Its copy expired, so it fetched the JWKS again: the kid is gone, UNKNOWN_KID. Keep max-age short, and keep a replaced key published (retiring) as long as tokens it signed can be valid, plus max-age, so that no verifier meets this.',
        look: '#cache-compare',
      },
      {
        title: 'A new key signs',
        goal: 'See what a caching verifier does with a kid its copy does not have.',
        setup: async (c) => {
          // A minute on: past the 30 s during which the last refetch keeps further unknown kids from fetching.
          await c.shiftClock(60);
          await c.rotate('id');
          await c.mint({ scenario: 'valid', tokenUse: 'id' });
        },
        lookFirst: '#decoded-header tr[data-claim="kid"]',
        predict: {
          question: "The token is signed by a key published after the caching verifier's copy was fetched, and that copy is still fresh:",
          choices: ['It rejects it: UNKNOWN_KID until its copy expires', 'It refetches the JWKS once, finds the kid, and accepts it'],
          answer: 1,
        },
        do: async (c) => {
          cachingCopy.report = (await c.verifyBoth()).cached.cache;
        },
        say: 'Accepted at once: an unknown kid makes a careful verifier refetch the JWKS once (then wait 30 s before refetching for another, so forged kids cannot flood the IdP). That is why a new key can sign as soon as it is published, while a retired one lingers in caches.',
        look: '#cache-compare',
      },
    ],
    yourTurn: {
      task: 'Make the two verifiers disagree yourself: mint a token (Mint panel), take its key out of the JWKS (Keys panel: Rotate, then "Retire now" on the ★ key), and press Check: it verifies the token minted last with both verifiers.',
      async check(c, start, token) {
        if (!token || token === start.token) return { ok: false, say: 'Mint a new token first: the check verifies the token minted last.' };
        const { cached, fresh } = await c.verifyBoth();
        if (cached.verdict.accept && !fresh.verdict.accept && fresh.verdict.code === 'UNKNOWN_KID') {
          return { ok: true, say: `The caching verifier accepts it from its copy (${cached.cache.ageSeconds} s old), the fresh fetch says UNKNOWN_KID: the retirement has not reached the cache yet.` };
        }
        if (cached.verdict.accept && fresh.verdict.accept) return { ok: false, say: 'Both accept it: its key is still in the JWKS. Rotate, then retire the ★ key (Keys panel), and check again.' };
        if (!cached.verdict.accept && cached.verdict.code === 'UNKNOWN_KID') {
          return { ok: false, say: "The caching verifier rejects it too: its copy does not have the token's key. Mint with the key that signs now, then rotate and retire it." };
        }
        return { ok: false, say: `The caching verifier: ${rejectedWith(cached)}; the other: ${rejectedWith(fresh)}. Mint a valid token, then take its key out of the JWKS.` };
      },
    },
  },
  {
    id: 'algorithms',
    title: 'Algorithm confusion: alg none and HS256',
    summary: "Forged tokens that name their own algorithm, and the allow-list that refuses them before any signature check.",
    steps: [
      {
        title: 'A token with alg "none"',
        goal: 'See why a verifier must not take the algorithm from the token.',
        setup: (c) => c.mint({ scenario: 'alg-none', tokenUse: 'id' }),
        lookFirst: '#decoded-header tr[data-claim="alg"]',
        predict: { question: 'The header says alg "none" and the signature is empty. What does the verifier say?', choices: ['It accepts it: there is nothing to check', 'It rejects it: ALG_NOT_ALLOWED', 'It rejects it: BAD_SIGNATURE'], answer: 1 },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with ALG_NOT_ALLOWED: the verifier allows RS256 only, whatever the header says. Old libraries that honoured the header\'s alg accepted these, letting anyone write any claims.',
        look: verdictRow,
      },
      {
        title: 'HS256 signed with the public key',
        goal: 'See the forgery a public key makes possible.',
        setup: (c) => c.mint({ scenario: 'hs256-with-public-key', tokenUse: 'id' }),
        lookFirst: '#decoded-header tr[data-claim="alg"]',
        predict: {
          question: "The token is HMAC-signed (HS256) with the pool's public key, which anyone can download from the JWKS. This verifier allows RS256 only:",
          choices: ['It accepts it: the HMAC is correct for that key', 'It rejects it: ALG_NOT_ALLOWED, before looking at the signature'],
          answer: 1,
        },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with ALG_NOT_ALLOWED. A verifier that hands the JWKS key to whatever alg the header names would check the HMAC with the public key and accept the forgery. Pass an algorithm allow-list, and bind each key to its alg.',
        look: verdictRow,
      },
    ],
    yourTurn: {
      task: 'Mint an access token this verifier refuses for its algorithm (Mint panel: token type and scenario), then press Check (it verifies the token minted last).',
      async check(c, start, token) {
        if (!token || token === start.token) return { ok: false, say: 'Mint a new token first: the check verifies the token minted last.' };
        const report = await c.verify();
        const { payload } = decodeToken(token);
        if (report.verdict.accept || report.verdict.code !== 'ALG_NOT_ALLOWED') return { ok: false, say: `Your token is ${rejectedWith(report)}. Pick a scenario whose alg the verifier does not allow.` };
        if (payload?.token_use !== 'access') return { ok: false, say: 'Rejected for its algorithm, but it is an ID token: mint an access token.' };
        return { ok: true, say: 'An access token rejected with ALG_NOT_ALLOWED.' };
      },
    },
  },
  {
    id: 'tolerance',
    title: 'Clock tolerance at the edge of exp',
    summary: "The verifier's 5 s clock tolerance: just before exp, just after, and past exp + tolerance. The lesson stops the server's clock and moves it to the second.",
    freezeClock: true,
    steps: [
      {
        title: 'One second before exp',
        goal: 'Check the obvious case first.',
        setup: async (c) => {
          await c.mint({ scenario: 'valid', tokenUse: 'id' });
          await c.clockToExp(-1);
        },
        lookFirst: '#time-token',
        predict: { question: "The server's clock is one second before the token's exp:", choices: acceptOrReject('EXPIRED'), answer: 0 },
        do: (c) => c.verify().then(() => {}),
        say: 'Accepted: the token is still within its lifetime.',
        look: '#verify-checks tr[data-check="exp"]',
      },
      {
        title: 'Two seconds after exp',
        goal: 'See what the clock tolerance is for.',
        setup: (c) => c.clockToExp(2),
        lookFirst: '#time-token',
        predict: { question: 'Two seconds past exp. The verifier allows 5 s of clock tolerance:', choices: ['It rejects it: EXPIRED, exp has passed', 'It accepts it: within the tolerance'], answer: 1 },
        do: (c) => c.verify().then(() => {}),
        say: "Accepted: exp + 5 s has not come yet. The tolerance absorbs small differences between the issuer's clock and the verifier's; it makes tokens live a little longer.",
        look: '#verify-checks tr[data-check="exp"]',
      },
      {
        title: 'At exp + tolerance',
        goal: 'Find the end of the tolerance.',
        setup: (c) => c.clockToExp(5),
        lookFirst: '#time-token',
        predict: { question: 'Exactly exp + 5 s:', choices: acceptOrReject('EXPIRED'), answer: 1 },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with EXPIRED: from exp + tolerance on, the token is over. Keep the tolerance small (seconds, not minutes).',
        look: verdictRow,
      },
      {
        title: 'A token from the future',
        goal: 'See the tolerance on the other side: a clock behind the issuer\'s.',
        setup: async (c) => {
          await c.mint({ scenario: 'valid', tokenUse: 'id' });
          await c.shiftClock(-10);
        },
        predict: { question: "The verifier's clock is now 10 s behind the one that issued the token (iat is 10 s in its future):", choices: acceptOrReject('ISSUED_IN_FUTURE'), answer: 1 },
        do: (c) => c.verify().then(() => {}),
        say: 'Rejected with ISSUED_IN_FUTURE: 10 s is more than the 5 s tolerance. A server whose clock drifts rejects fresh tokens: keep clocks synchronised (NTP).',
        look: verdictRow,
      },
    ],
    yourTurn: {
      task: "A new token, and the clock 7 s before its exp. Move the clock with the buttons here until the token is past its exp but the verifier still accepts it, then press Check.",
      setup: async (c) => {
        await c.mint({ scenario: 'valid', tokenUse: 'id' });
        await c.clockToExp(-7);
        c.show('time');
      },
      tools: [
        { label: 'Clock +3 s', run: (c) => c.shiftClock(3) },
        { label: 'Clock −3 s', run: (c) => c.shiftClock(-3) },
      ],
      async check(c, _start, token) {
        if (!token) return { ok: false, say: 'Mint a token first.' };
        const report = await c.verify();
        const { payload } = decodeToken(token);
        const past = typeof payload?.exp === 'number' ? (await c.nowSeconds()) - payload.exp : Number.NaN;
        if (report.verdict.accept && past > 0) return { ok: true, say: `Accepted ${Math.round(past)} s after exp: within the 5 s tolerance.` };
        if (report.verdict.accept) return { ok: false, say: 'Accepted, but exp has not passed yet. Move the clock on.' };
        return { ok: false, say: `${rejectedWith(report)}: too far. Move the clock back.` };
      },
    },
  },
  {
    id: 'jwks-outage',
    title: 'When the JWKS is down',
    summary: 'The fault injector makes the JWKS answer 503: a valid token fails with JWKS_UNAVAILABLE, which is not the token\'s fault.',
    steps: [
      {
        title: 'The JWKS answers 503',
        goal: 'See how a verifier with no keys cached fails.',
        setup: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
        predict: { question: 'The JWKS endpoint answers 503 from now on. This verifier has no copy of the keys. The valid token:', choices: ['Accepted: the token is valid', 'Rejected: JWKS_UNAVAILABLE', 'Rejected: BAD_SIGNATURE'], answer: 1 },
        do: async (c) => {
          await c.breakJwks({ status: 503 });
          await c.verify();
        },
        say: 'Rejected with JWKS_UNAVAILABLE: without keys, no signature can be checked. A verifier with a cached copy would go on serving it for a while (mock-idp/verifier: up to an hour past max-age).',
        look: verdictRow,
      },
      {
        title: 'The JWKS is back',
        goal: 'See whose fault the failure was.',
        predict: { question: 'The fault is cleared. The same token, verified again:', choices: acceptOrReject('JWKS_UNAVAILABLE'), answer: 0 },
        do: async (c) => {
          await c.clearFaults();
          await c.verify();
        },
        say: "Accepted: nothing was wrong with the token. An API should answer JWKS_UNAVAILABLE with 503 (try again), not 401: a 401 makes apps sign their users out.",
        look: '#verify-verdict',
      },
    ],
    yourTurn: {
      task: 'The JWKS now fails for the next two requests. Get the token accepted without changing it: press Verify in the Verify panel as often as it takes, then press Check.',
      setup: async (c) => {
        await c.mint({ scenario: 'valid', tokenUse: 'id' });
        await c.breakJwks({ status: 503, count: 2 });
        c.show('verify');
      },
      async check(c) {
        const left = await c.jwksFaultsLeft();
        if (left > 0) return { ok: false, say: `Not yet: the JWKS will fail ${left} more time${left === 1 ? '' : 's'}. Verify again.` };
        const report = await c.verify();
        if (report.verdict.accept) return { ok: true, say: 'Accepted: retrying was enough, the outage was over.' };
        return { ok: false, say: `The token is ${rejectedWith(report)}.` };
      },
    },
  },
  {
    id: 'refresh-rotation',
    title: 'Refresh-token rotation: why was my refresh token refused?',
    summary: 'Refresh with rotation on: each refresh gives a new refresh token; the old one works a few seconds more, then RefreshTokenReuseException.',
    freezeClock: true,
    steps: [
      {
        title: 'Sign in, then refresh',
        goal: 'See what a refresh gives back when the client rotates refresh tokens.',
        setup: (c) => c.signInWithRotation(),
        lookFirst: '#refresh-log li:last-child',
        predict: {
          question: "The lesson stopped the server's clock (only the lesson moves it), and alice signed in with the default pool's rotating client. What will a refresh give back?",
          choices: ['New ID and access tokens only', 'New ID and access tokens and a new refresh token'],
          answer: 1,
        },
        do: (c) => c.refresh('first'),
        say: 'GetTokensFromRefreshToken (what Amplify v6 calls) gave new ID and access tokens and a new refresh token. The one used is now replaced: with rotation, an app must keep the newest refresh token every time.',
        look: '#refresh-log li:last-child',
      },
      {
        title: 'Five seconds later, the old token again',
        goal: 'See why a replaced token is not refused at once.',
        setup: (c) => c.shiftClock(5),
        predict: { question: 'Five seconds later, the app retries with the replaced refresh token:', choices: ['Accepted: the grace period', 'Refused: RefreshTokenReuseException'], answer: 0 },
        do: (c) => c.refresh('first'),
        say: "Still accepted: a replaced token keeps working for the client's grace period (RetryGracePeriodSeconds), so an app whose refresh answer got lost can retry. The list says how long the old token has left; it gave yet another new token.",
        look: '#refresh-log li:last-child',
      },
      {
        title: 'A minute later, the old token once more',
        goal: 'Find the end of the grace period.',
        setup: (c) => c.shiftClock(60),
        predict: { question: 'A minute later, the replaced token once more:', choices: ['Accepted: the grace period', 'Refused: RefreshTokenReuseException'], answer: 1 },
        do: (c) => c.refresh('first'),
        say: 'Refused with RefreshTokenReuseException: the grace period (60 s at most) is over, and a replaced token never works again. Two tabs refreshing with one stored token, or an app that keeps the first refresh token, end up here: the user has to sign in again.',
        look: '#refresh-log li:last-child',
      },
      {
        title: 'The newest token',
        goal: 'See which token an app must keep.',
        predict: { question: 'The refresh token of the last answer:', choices: ['Accepted, and replaced in turn', 'Refused too: the sign-in is over'], answer: 0 },
        do: (c) => c.refresh('newest'),
        say: 'The refresh token of the last answer is the current one: it is accepted and replaced in turn. Store each new refresh token as it comes, and refresh from one place at a time.',
        look: '#refresh-log li:last-child',
      },
    ],
    yourTurn: {
      task: "Start a new sign-in and get its first refresh token refused with RefreshTokenReuseException, with the buttons here. Then press Check.",
      tools: [
        { label: 'Sign in again', run: (c) => c.signInWithRotation() },
        { label: "Refresh with the sign-in's first token", run: (c) => c.refresh('first') },
        { label: 'Clock +61 s', run: (c) => c.shiftClock(61) },
      ],
      async check(c, start) {
        const log = c.refreshLog();
        if (!log.length || log[0]!.text === start.refreshFirst) return { ok: false, say: 'Sign in again first: the check reads the list of a new sign-in.' };
        const last = log[log.length - 1]!;
        if (last.outcome === 'rejected' && last.text.includes('RefreshTokenReuseException')) return { ok: true, say: 'Refused with RefreshTokenReuseException: the token was replaced, and its grace period was over.' };
        return { ok: false, say: 'The last refresh was not refused. Refresh once (the token is replaced), let the grace period pass, and refresh with it again.' };
      },
    },
  },
];
