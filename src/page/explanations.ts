/**
 * The page's words, as data, in one place: what each header field and claim
 * is for, what a developer should do about each verdict code, and what the
 * App Services login checks. Scenario explanations and advice come from the
 * server's scenario table (`GET /_mock/scenarios`), not from here.
 */

/** Header fields of a Cognito token. */
export const headerFields: Readonly<Record<string, string>> = {
  kid: 'Key id: which key of the pool\'s JWKS signed the token. A verifier picks the key by this value; Cognito\'s are the base64 SHA-256 thumbprint of the key.',
  alg: 'Signature algorithm. Cognito always uses RS256; a verifier must allow only that and never take alg from the token.',
  typ: 'Media type. Cognito sets none; some libraries can require "JWT".',
};

/** Payload claims of Cognito ID and access tokens. */
export const claims: Readonly<Record<string, string>> = {
  sub: 'The user\'s stable, unique id in the pool. Key your data by sub, never by username or email, which can change.',
  iss: 'Issuer: the pool\'s URL. Pin it exactly; a token of another pool has another iss.',
  aud: 'Audience, ID tokens only: the app client the token was issued to. Check it is yours.',
  client_id: 'Access tokens only (they have no aud): the app client the token was issued to. Check it is yours.',
  token_use: '"id" or "access". ID tokens tell the client who signed in; APIs take access tokens. Check it, since both are signed by the same pool.',
  origin_jti: 'The id of the sign-in that produced this token. A refresh keeps it, so it ties every token of one session together; revocation acts on it.',
  event_id: 'The id of the authentication event, for auditing.',
  auth_time: 'When the user actually authenticated (epoch seconds). Unchanged by refreshes: use it to ask for a fresh sign-in before sensitive actions.',
  iat: 'Issued at (epoch seconds). A careful verifier rejects one in the future: a wrong clock or a forgery.',
  exp: 'Expiry (epoch seconds). After it, reject the token and let the client refresh. One hour by default.',
  nbf: 'Not before (epoch seconds). Cognito never sets it; when present, reject the token before that time.',
  jti: 'This token\'s own unique id.',
  'cognito:username': 'ID tokens: the username (may be an email or a generated id). Display it; do not key data by it.',
  username: 'Access tokens: the username. As with cognito:username, prefer sub as a key.',
  'cognito:groups': 'The user\'s groups in the pool, in both tokens (absent when none). Use them for authorization, e.g. admin-only routes.',
  scope: 'Access tokens: what the token allows, space-separated (aws.cognito.signin.user.admin after an API sign-in; OAuth scopes after the hosted UI).',
  email: 'The user\'s email attribute (ID tokens).',
  email_verified: 'Whether the email was confirmed; do not trust an unverified email for account linking.',
  phone_number: 'The user\'s phone number attribute (ID tokens).',
  phone_number_verified: 'Whether the phone number was confirmed.',
  name: 'Standard attribute: the full name.',
  given_name: 'Standard attribute: the given name.',
  family_name: 'Standard attribute: the family name.',
  at_hash: 'Hosted-UI ID tokens: a hash of the access token issued with it, binding the two.',
  nonce: 'Hosted-UI ID tokens: the nonce the client sent, returned to stop replays.',
  version: 'Access tokens from the OAuth endpoints carry version 2.',
};

/** Custom attributes have one explanation for all. */
const customAttribute = 'A custom attribute of the pool (custom:…). Always a string in tokens, whatever its type in the pool.';

/** The sentence for a claim, or null for one this page does not know. */
export function explainClaim(name: string): string | null {
  return claims[name] ?? (name.startsWith('custom:') ? customAttribute : null);
}

/** What a developer should do when the verifier answers a code; shown under the scenario's own advice. */
export const codeAdvice: Readonly<Record<string, string>> = {
  MALFORMED: 'Reject with 401; never let a parse error become a 500. Log the first characters only: tokens are secrets.',
  ALG_NOT_ALLOWED: 'Keep an explicit allow-list (RS256) in your verifier; never accept none or HMAC algorithms with a public key.',
  MISSING_KID: 'Reject: without a kid no key can be chosen, and trying every key of the JWKS is unsafe.',
  UNKNOWN_KID: 'Refetch the JWKS once (the key may be new), then reject; rate-limit refetches. A key that left the JWKS means its tokens are over.',
  JWKS_UNAVAILABLE: 'Keep serving from cached keys for a while when the JWKS endpoint fails, and retry with backoff; alert if it lasts.',
  JWKS_INVALID: 'Fetch keys only from your issuer\'s origin, cap the JWKS size and refuse a key set with two keys under one kid: check the jwksUri and the IdP.',
  BAD_SIGNATURE: 'Reject, and never read claims from a token you have not verified: the contents may have been altered.',
  EXPIRED: 'Reject, and have the client refresh its tokens. Allow seconds of clock tolerance, not hours.',
  NOT_YET_VALID: 'Reject until nbf; if it happens with genuine tokens, a clock is wrong (check NTP).',
  ISSUED_IN_FUTURE: 'Reject beyond your tolerance: the issuer\'s clock is wrong or the token is forged. Many libraries skip this check.',
  WRONG_ISSUER: 'Pin the exact issuer of your pool (region and pool id) and fetch keys only from its JWKS.',
  WRONG_AUDIENCE: 'Check aud (ID tokens) or client_id (access tokens) against your own client ids.',
  WRONG_TOKEN_USE: 'Check token_use: APIs take access tokens, clients read ID tokens.',
  MISSING_CLAIM: 'Require every claim your code relies on (sub, exp, …) after verifying the signature.',
  GROUP_NOT_ALLOWED: 'The user lacks the group this action needs: answer 403, not 401.',
  SCOPE_NOT_ALLOWED: 'The token lacks the scope this action needs: answer 403 with insufficient_scope.',
};

/** What the App Services Custom JWT login checks, and what it does not (MongoDB's App Services docs: Authentication, Custom JWT). */
export const appServicesChecks: readonly string[] = [
  'The signature, with the key named by kid from the provider\'s JWK URI (RS256), or with configured signing keys (HS256 or RS256).',
  'exp is required and must be in the future; nbf and iat must not be in the future.',
  'sub is required: it becomes the App Services identity (one user per sub).',
  'aud must contain the configured audience (all of them, or any one with requireAnyAudience); the app id when none is configured. Cognito access tokens have no aud, so they are refused.',
  'Metadata fields (email, name, groups…) are copied into the user\'s profile; a missing required one refuses the login.',
  'Not checked: iss and token_use. App Services has no setting for them, so a token of another issuer signed by a key of the JWK URI logs in.',
];

/** Shown first for a token whose iss is none of this server's pools: UNKNOWN_KID's advice (refetch the JWKS) does not apply to it. */
export const foreignIssuerAdvice =
  'No verifier of this server\'s pools can accept it, and refetching the JWKS will not help: the key that signed it is published only in its own issuer\'s JWKS. A verifier must check, in this order: the alg is on its allow-list (RS256), the kid is in the JWKS of the one issuer it trusts (fetched from that issuer\'s URL, never from the token), the signature, iss is exactly that issuer, exp (and nbf, iat) with seconds of tolerance, token_use, and aud or client_id is its own client. To verify this token, point a verifier at its own issuer.';

/** Why the page took "Bearer " off a pasted token. */
export const bearerStripped = 'Removed the leading "Bearer ": it is the scheme of the Authorization header (Authorization: Bearer <token>), not part of the token.';

/** The Verify box is empty. */
export const emptyToken = 'Empty: paste a JWT (three base64url parts separated by dots) or mint one on the Mint tab.';
