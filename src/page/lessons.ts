import type { WhichRefreshToken } from './refresh-view.js';
import type { TabId } from './tabs.js';
import type { TokenUse } from './wire.js';

/** What a lesson step can do: the page's own controls, pressed for the learner. */
export interface LessonControls {
  /** Sets the Mint form (unset fields: the default pool, its spa client, alice) and presses Mint. */
  mint(values: { scenario: string; tokenUse: TokenUse }): Promise<void>;
  /** Puts the current token in the Verify form, optionally expecting the other token type, and presses Verify. */
  verify(options?: { expect?: TokenUse }): Promise<void>;
  /** Presses "Log in to App Services" with the current token. */
  appServicesLogin(): Promise<void>;
  /** Presses a Rotate button of the Keys panel. */
  rotate(tokenUse: TokenUse): Promise<void>;
  /** Presses "Retire now" on the key that signed the current token. */
  retireSigner(): Promise<void>;
  /** Shifts the server's clock (Time panel). */
  shiftClock(seconds: number): Promise<void>;
  /** Puts the server's clock back to real time. */
  resetClock(): Promise<void>;
  /** Stops the server's clock at its time now (Time panel): it moves only when shifted, until reset. */
  freezeClock(): Promise<void>;
  /** Signs a fixture user in with the default pool's client that rotates refresh tokens (Time panel's refresh list). */
  signInWithRotation(): Promise<void>;
  /** GetTokensFromRefreshToken with the sign-in's first refresh token or its newest; the outcome joins the list. */
  refresh(which: WhichRefreshToken): Promise<void>;
  /** Shows a panel. */
  show(tab: TabId): void;
}

export interface LessonStep {
  /** A few words, shown as the step's heading. */
  title: string;
  /** What the step did and what to look at, in two or three sentences. */
  say: string;
  do: (controls: LessonControls) => Promise<void>;
}

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  steps: LessonStep[];
  /** Run when the learner ends the lesson before its last step: puts back what the lesson changed (the clock). */
  leave?: (controls: LessonControls) => Promise<void>;
}

/** The guided lessons, in the order the Lessons panel lists them. */
export const lessons: readonly Lesson[] = [
  {
    id: 'rotation',
    title: 'Why does my token fail after a key rotation?',
    summary: 'Mint, rotate, retire: see which key signed the token, and when the verifier stops finding it.',
    steps: [
      {
        title: 'Mint a valid ID token',
        say: 'The pool\'s active ID-token key signed it. Its kid, in the header, names that key.',
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
      },
      {
        title: 'Verify it',
        say: 'The verifier fetched the JWKS, found the kid there, checked the signature and the claims: accepted.',
        do: (c) => c.verify(),
      },
      {
        title: 'Rotate the ID-token key',
        say: 'A new key is published and signs from now on. The old key is retiring: still in the JWKS, and marked ★ as the one that signed our token.',
        do: (c) => c.rotate('id'),
      },
      {
        title: 'Verify the same token again',
        say: 'Still accepted. A replaced key stays published as long as tokens it signed can be valid (the overlap), so rotations do not log anybody out. A verifier that keeps only the newest key would fail here.',
        do: (c) => c.verify(),
      },
      {
        title: 'Retire the old key',
        say: 'Retiring takes the key out of the JWKS, as happens at the end of the overlap. Watch it leave the JWKS below.',
        do: (c) => c.retireSigner(),
      },
      {
        title: 'Verify once more',
        say: 'Rejected with UNKNOWN_KID: the verifier refetched the JWKS and the kid is gone. A verifier with a cached JWKS would go on accepting until its cache expires: keep max-age short, and refetch once on an unknown kid.',
        do: (c) => c.verify(),
      },
    ],
  },
  {
    id: 'token-use',
    title: 'ID token or access token?',
    summary: 'Both are signed by the pool; aud, client_id and token_use tell them apart, and APIs take only one.',
    steps: [
      {
        title: 'Mint an ID token',
        say: 'aud is the client id and token_use is "id"; the user\'s attributes (email, name…) are in it. It tells the client app who signed in.',
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
      },
      {
        title: 'Mint an access token',
        say: 'No aud: client_id names the client instead. token_use is "access", scope says what it allows, and there are no personal attributes. This is what an API takes.',
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'access' }),
      },
      {
        title: 'Verify it where an ID token is expected',
        say: 'Rejected with WRONG_TOKEN_USE: the signature and the issuer are fine, but token_use is not what was asked for. Without this check an ID token could be used to call an API, or the reverse.',
        do: (c) => c.verify({ expect: 'id' }),
      },
      {
        title: 'Verify it as an access token',
        say: 'Accepted. For an access token the audience row checks client_id, since Cognito access tokens have no aud.',
        do: (c) => c.verify({ expect: 'access' }),
      },
      {
        title: 'Log in to App Services with the access token',
        say: 'Refused: App Services requires aud, which access tokens lack. Log in with the ID token.',
        do: (c) => c.appServicesLogin(),
      },
    ],
  },
  {
    id: 'app-services',
    title: 'What the App Services login checks',
    summary: 'The same tokens through mock-idp/verifier and through the App Services Custom JWT login: where they agree, and where App Services looks less.',
    steps: [
      {
        title: 'Log in with a valid ID token',
        say: 'Accepted. App Services checked the signature with the JWK URI\'s key, exp, and aud, and copied email, name and groups into the user\'s profile.',
        do: async (c) => {
          await c.mint({ scenario: 'valid', tokenUse: 'id' });
          await c.appServicesLogin();
        },
      },
      {
        title: 'An expired token',
        say: 'Both refuse it: the verifier with EXPIRED, App Services with "Token is expired".',
        do: async (c) => {
          await c.mint({ scenario: 'expired', tokenUse: 'id' });
          await c.verify();
          await c.appServicesLogin();
        },
      },
      {
        title: 'A token of another issuer',
        say: 'The verifier rejects it with WRONG_ISSUER, but App Services logs it in: it has no issuer setting, so any token signed by a key of its JWK URI passes.',
        do: async (c) => {
          await c.mint({ scenario: 'wrong-issuer', tokenUse: 'id' });
          await c.verify();
          await c.appServicesLogin();
        },
      },
      {
        title: 'An access token where an ID token belongs',
        say: 'App Services does not read token_use either, but the access token has no aud, and aud is required: refused.',
        do: async (c) => {
          await c.mint({ scenario: 'wrong-token-use', tokenUse: 'id' });
          await c.verify();
          await c.appServicesLogin();
        },
      },
    ],
  },
  {
    id: 'expiry',
    title: 'Watch a token expire',
    summary: 'Shift the server\'s clock instead of waiting an hour.',
    steps: [
      {
        title: 'Mint a valid ID token',
        say: 'It lives one hour: exp is iat + 3600. The countdown runs on the server\'s clock.',
        do: (c) => c.mint({ scenario: 'valid', tokenUse: 'id' }),
      },
      {
        title: 'Move the server\'s clock 61 minutes on',
        say: 'The countdown now says the token expired a minute ago. Nobody waited: tests should do the same.',
        do: (c) => c.shiftClock(3660),
      },
      {
        title: 'Verify it',
        say: 'Rejected with EXPIRED at the exp row; the rows before it passed, and the ones after it were not reached.',
        do: (c) => c.verify(),
      },
      {
        title: 'Back to real time',
        say: 'The clock is back, the token is within its hour again, and the verifier accepts it.',
        do: async (c) => {
          await c.resetClock();
          await c.verify();
        },
      },
    ],
  },
  {
    id: 'refresh-rotation',
    title: 'Refresh-token rotation: why was my refresh token refused?',
    summary: 'Refresh with rotation on: each refresh gives a new refresh token; the old one works a few seconds more, then RefreshTokenReuseException.',
    steps: [
      {
        title: 'Sign in with a client that rotates refresh tokens',
        say: 'The lesson first stopped the server\'s clock, so the time you spend reading does not count: only the lesson moves it. Then alice signed in (InitiateAuth) with the default pool\'s rotating client, whose RefreshTokenRotation is ENABLED. Her refresh token\'s fingerprint is listed under Refresh-token rotation.',
        do: async (c) => {
          await c.freezeClock();
          await c.signInWithRotation();
        },
      },
      {
        title: 'Refresh: a new refresh token',
        say: 'GetTokensFromRefreshToken (what Amplify v6 calls) gave new ID and access tokens and a new refresh token. The one used is now replaced: with rotation, an app must keep the newest refresh token every time.',
        do: (c) => c.refresh('first'),
      },
      {
        title: 'Five seconds later, the old token again',
        say: 'Still accepted: a replaced token keeps working for the client\'s grace period (RetryGracePeriodSeconds), so an app whose refresh answer got lost can retry. The list says how long the old token has left; it gave yet another new token.',
        do: async (c) => {
          await c.shiftClock(5);
          await c.refresh('first');
        },
      },
      {
        title: 'A minute later, the old token once more',
        say: 'Refused with RefreshTokenReuseException: the grace period (60 s at most) is over, and a replaced token never works again. Two tabs refreshing with one stored token, or an app that keeps the first refresh token, end up here: the user has to sign in again.',
        do: async (c) => {
          await c.shiftClock(60);
          await c.refresh('first');
        },
      },
      {
        title: 'The newest token still works',
        say: 'The refresh token of the last answer is the current one: it is accepted and replaced in turn. Store each new refresh token as it comes, and refresh from one place at a time.',
        do: (c) => c.refresh('newest'),
      },
      {
        title: 'Back to real time',
        say: 'The server\'s clock runs from real time again.',
        do: (c) => c.resetClock(),
      },
    ],
    leave: (c) => c.resetClock(),
  },
];
