import type { UserRecord } from '../../config/types.js';
import type { UserAuthChallenge } from '../../cognito/challenge-sessions.js';
import { userExistenceError } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { passwordResetRequired } from '../../cognito/password-reset.js';
import { verifyAssertion } from '../../cognito/passkey-verification.js';
import { newPasskeyChallenge, passkeySettings, requestOptions, userHandle } from '../../cognito/passkeys.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { availableChallenges, type FirstChallenge } from '../../cognito/sign-in-factors.js';
import { runPreAuthentication } from '../../triggers/authentication.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';
import { afterPassword, incorrect, samePassword, signedIn, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';
import { startSrp } from './srp-flow.js';

type UserAuthDeps = Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'srp' | 'codes' | 'triggers'>;
type Opened = UserAuthChallenge & { id: string };

/**
 * USER_AUTH (choice-based sign-in), step 1, as the developer guide's "Manage authentication methods in AWS
 * SDKs" (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html)
 * describes it: with a PREFERRED_CHALLENGE the user can do, that challenge at once (PASSWORD with the
 * PASSWORD given, PASSWORD_SRP with SRP_A, EMAIL_OTP); otherwise SELECT_CHALLENGE with AvailableChallenges.
 * An unknown user gets a SELECT_CHALLENGE that looks the same and whose answers fail
 * (PreventUserExistenceErrors ENABLED), or UserNotFoundException (LEGACY). With the `Session` ConfirmSignUp
 * gave, tokens at once ({@link signInAfterSignUp}).
 */
export async function startUserAuth(
  deps: UserAuthDeps,
  target: SignInTarget,
  params: Record<string, string> | undefined,
  context: OperationContext,
  session?: string,
  clientMetadata?: Record<string, string>,
): Promise<AuthResponse> {
  const { pool, client } = target;
  const username = requiredParameter(params, 'USERNAME');
  const user = deps.directory.findUser(pool, username);
  checkSecretHash(client, user ? [username, user.username] : [username], params?.SECRET_HASH);
  // The pre authentication function sees a known user once, when choice-based sign-in starts.
  if (user) await runPreAuthentication(deps.triggers, { pool, user, clientId: client.id, awsSdkVersion: context.awsSdkVersion, validationData: clientMetadata });
  if (session !== undefined) return signInAfterSignUp(deps, target, user, session, context);
  if (!user) {
    const unknown = userExistenceError(client);
    if (unknown) throw unknown;
  }
  const available = availableChallenges(pool, user);
  const preferred = params?.PREFERRED_CHALLENGE as FirstChallenge | undefined;
  if (user && preferred && available.includes(preferred)) return firstChallenge(deps, target, user, preferred, params, context);
  const known = Boolean(user);
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    Session: deps.challenges.seal({ kind: 'user-auth', step: 'SELECT_CHALLENGE', pool: pool.id, client: client.id, username: user?.username ?? username, known }),
    ChallengeParameters: {},
    AvailableChallenges: available,
  };
}

/**
 * The SELECT_CHALLENGE answer: `ANSWER` one of the AvailableChallenges, with that challenge's own
 * parameters when it takes them in the same request (PASSWORD, SRP_A). An ANSWER the user cannot do is
 * InvalidParameterException; the Session stays usable until it is answered well or expires.
 */
export async function answerSelectChallenge(
  deps: UserAuthDeps,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: answer } = openAnswer(deps, target, session, responses, 'SELECT_CHALLENGE', 'ANSWER');
  const available = availableChallenges(target.pool, user);
  if (!available.includes(answer as FirstChallenge)) {
    throw new CognitoError('InvalidParameterException', `The challenge ${answer.slice(0, 60)} is not one of the AvailableChallenges (${available.join(', ')})`);
  }
  if (answer === 'PASSWORD' && !responses?.PASSWORD) {
    deps.challenges.consume(challenge);
    return {
      ChallengeName: 'PASSWORD',
      Session: deps.challenges.seal({ kind: 'user-auth', step: 'PASSWORD', pool: challenge.pool, client: challenge.client, username: challenge.username, known: challenge.known }),
      ChallengeParameters: {},
    };
  }
  if (!user) {
    // An unknown user answered as if it existed: the password forms fail as a wrong password does.
    if (answer !== 'PASSWORD_SRP') throw incorrect();
    const srp = startSrp(deps, target, { ...responses, USERNAME: challenge.username });
    deps.challenges.consume(challenge);
    return srp;
  }
  const next = await firstChallenge(deps, target, user, answer as FirstChallenge, responses, context);
  deps.challenges.consume(challenge);
  return next;
}

/** The PASSWORD challenge's answer (ANSWER PASSWORD without the password): `PASSWORD`. */
export async function answerPasswordChallenge(
  deps: UserAuthDeps,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: password } = openAnswer(deps, target, session, responses, 'PASSWORD', 'PASSWORD');
  if (!user || !samePassword(user.password, password)) throw incorrect();
  const next = await afterPassword(deps, target, user, context);
  deps.challenges.consume(challenge);
  return next;
}

/**
 * The EMAIL_OTP answer: `EMAIL_OTP_CODE`, the code "emailed" when the challenge was given (readable at
 * `GET /_mock/pools/{pool}/users/{name}/codes`, purpose SIGN_IN). A wrong code is CodeMismatchException
 * and leaves the Session usable; the right one signs the user in (a one-time password is the whole
 * first factor: no MFA follows, as a pool with passwordless sign-in cannot require MFA).
 * The SMS_OTP answer is the same with `SMS_OTP_CODE` and the code "texted" to the phone number.
 */
export async function answerEmailOtp(
  deps: UserAuthDeps,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
  step: 'EMAIL_OTP' | 'SMS_OTP' = 'EMAIL_OTP',
): Promise<AuthResponse> {
  const { challenge, user, value: code } = openAnswer(deps, target, session, responses, step, `${step}_CODE`);
  if (!user) throw incorrect();
  deps.codes.use(target.pool.id, user.username, 'SIGN_IN', code, step === 'SMS_OTP' ? 'phone_number' : 'email');
  deps.challenges.consume(challenge);
  checkCanSignIn(user);
  return signedIn(deps, target, user, context);
}

/**
 * The WEB_AUTHN answer: `CREDENTIAL`, the browser's AuthenticationResponseJSON for the challenge's
 * CREDENTIAL_REQUEST_OPTIONS, verified against the user's passkeys ({@link verifyAssertion}); any failure is
 * NotAuthorizedException and leaves the Session usable. Success uses the Session up (a replayed assertion
 * finds it used, or signs another challenge) and stores the passkey's new sign counter.
 */
export async function answerWebAuthn(
  deps: UserAuthDeps,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: credential } = openAnswer(deps, target, session, responses, 'WEB_AUTHN', 'CREDENTIAL');
  if (!user) throw incorrect();
  const { passkey, counter } = await verifyAssertion(credential, user.passkeys ?? [], userHandle(user), challenge.webAuthnChallenge ?? '', passkeySettings(target.pool));
  // Opened again after the (asynchronous) verification: of two answers racing with one Session, one wins.
  deps.challenges.consume(openStep(deps, target, session, 'WEB_AUTHN'));
  passkey.counter = counter;
  checkCanSignIn(user);
  return signedIn(deps, target, user, context);
}

/**
 * InitiateAuth USER_AUTH with the Session ConfirmSignUp returned (Amplify's autoSignIn): tokens for that
 * user, through the same client, once, within 3 minutes. A Session of another user, client or kind, used or
 * expired, is NotAuthorizedException.
 */
async function signInAfterSignUp(deps: UserAuthDeps, target: SignInTarget, user: UserRecord | undefined, session: string, context: OperationContext): Promise<AuthResponse> {
  const challenge = openStep(deps, target, session, 'SIGN_UP');
  if (!user || user.username !== challenge.username) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  checkCanSignIn(user);
  deps.challenges.consume(challenge);
  return signedIn(deps, target, user, context);
}

/** Goes to the chosen first challenge for a user who can do it. */
async function firstChallenge(
  deps: UserAuthDeps,
  target: SignInTarget,
  user: UserRecord,
  chosen: FirstChallenge,
  params: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const sealed = { kind: 'user-auth', pool: target.pool.id, client: target.client.id, username: user.username, known: true } as const;
  switch (chosen) {
    case 'PASSWORD': {
      const password = requiredParameter(params, 'PASSWORD');
      if (!samePassword(user.password, password)) throw incorrect();
      return afterPassword(deps, target, user, context);
    }
    case 'PASSWORD_SRP':
      return startSrp(deps, target, { ...params, USERNAME: user.username });
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return oneTimeCodeChallenge(deps, target, user, chosen, sealed, context);
    case 'WEB_AUTHN': {
      checkCanSignIn(user);
      const webAuthnChallenge = newPasskeyChallenge();
      return {
        ChallengeName: 'WEB_AUTHN',
        Session: deps.challenges.seal({ ...sealed, step: 'WEB_AUTHN', webAuthnChallenge }),
        ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions(user, passkeySettings(target.pool), webAuthnChallenge)) },
      };
    }
  }
}

/** The user-state checks of a sign-in, for the one-time-password path (the password path has them in afterPassword). */
function checkCanSignIn(user: UserRecord): void {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
}

/** The one-time-code first factors: where each sends its code, and how Cognito names the medium. */
const oneTimeCodes = {
  EMAIL_OTP: { attribute: 'email', medium: 'EMAIL' },
  SMS_OTP: { attribute: 'phone_number', medium: 'SMS' },
} as const;

/** EMAIL_OTP / SMS_OTP: an 8-digit code "sent" (through the pool's custom message function), and its challenge. */
async function oneTimeCodeChallenge(
  deps: UserAuthDeps,
  target: SignInTarget,
  user: UserRecord,
  chosen: keyof typeof oneTimeCodes,
  sealed: Omit<UserAuthChallenge, 'step'>,
  context: OperationContext,
): Promise<AuthResponse> {
  checkCanSignIn(user);
  const { attribute, medium } = oneTimeCodes[chosen];
  const prepared = await prepareCode(deps.triggers, { pool: target.pool, user, purpose: 'SIGN_IN', source: 'CustomMessage_Authentication', only: attribute, clientId: target.client.id }, context);
  const delivery = sendCode(deps.codes, user, 'SIGN_IN', context, attribute, prepared);
  return {
    ChallengeName: chosen,
    Session: deps.challenges.seal({ ...sealed, step: chosen }),
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: medium, CODE_DELIVERY_DESTINATION: delivery?.Destination ?? '' },
  };
}

/** Opens a USER_AUTH session of the given step, sealed for this pool and client. */
function openStep(deps: Pick<CognitoApiDeps, 'challenges'>, { pool, client }: SignInTarget, session: string | undefined, step: UserAuthChallenge['step']): Opened {
  const challenge = deps.challenges.open('user-auth', session);
  if (challenge.step !== step || challenge.pool !== pool.id || challenge.client !== client.id) {
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  }
  return challenge;
}

/**
 * What every answer to a USER_AUTH step does first, in Cognito's order: its parameters (`USERNAME`, then the
 * step's own), the Session of that step, the SECRET_HASH, the challenge's user.
 */
function openAnswer(
  deps: Pick<CognitoApiDeps, 'challenges' | 'directory'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  step: UserAuthChallenge['step'],
  parameter: string,
): { challenge: Opened; user: UserRecord | undefined; value: string } {
  const username = requiredParameter(responses, 'USERNAME');
  const value = requiredParameter(responses, parameter);
  const challenge = openStep(deps, target, session, step);
  checkSecretHash(target.client, [username, challenge.username], responses?.SECRET_HASH);
  return { challenge, user: challengeUser(deps, target, challenge), value };
}

/** The challenge's user (undefined for an unknown one, or one deleted since). */
function challengeUser(deps: Pick<CognitoApiDeps, 'directory'>, { pool }: SignInTarget, challenge: Opened): UserRecord | undefined {
  if (!challenge.known) return undefined;
  const user = deps.directory.findUser(pool, challenge.username);
  return user?.username === challenge.username ? user : undefined;
}
