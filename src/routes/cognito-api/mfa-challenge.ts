import type { UserRecord } from '../../config/types.js';
import type { MfaChallenge, MfaSetupChallenge } from '../../cognito/challenge-sessions.js';
import { poolMfaTypes, type MfaType } from '../../cognito/mfa-methods.js';
import { CognitoError } from '../../cognito/errors.js';
import { acceptTotp, userMfa } from '../../cognito/mfa.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { checkAttributeChanges, isEmailFormat } from '../../cognito/sign-in-names.js';
import { attributesFromList } from '../../cognito/user-attributes.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { askForCode } from './mfa-step.js';
import { prepareCode, sendCode } from './send-code.js';
import { signedIn, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';

type MfaSessionType = MfaChallenge['type'];

const invalidSession = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.');

/**
 * The SOFTWARE_TOKEN_MFA answer: `USERNAME` and `SOFTWARE_TOKEN_MFA_CODE` with the challenge's Session.
 * A wrong or reused code is CodeMismatchException and leaves the session usable (until it expires).
 */
export async function answerSoftwareTokenMfa(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'clock' | 'triggers'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: code } = openAnswer(deps, target, responses, () => openMfa(deps, session, 'SOFTWARE_TOKEN_MFA'), 'SOFTWARE_TOKEN_MFA_CODE');
  const secret = user.mfa?.totpSecret;
  if (!secret) throw new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.');
  if (!acceptTotp(user, secret, code, deps.clock.now())) throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
  deps.challenges.consume(challenge);
  return signedIn(deps, target, user, context);
}

/**
 * The SMS_MFA answer (`SMS_MFA_CODE`) or EMAIL_OTP's as MFA (`EMAIL_OTP_CODE`): the code "sent" with the
 * challenge (`GET /_mock/pools/{pool}/users/{name}/codes`, purpose MFA). A wrong code is
 * CodeMismatchException and leaves the session usable; the code lives as long as the session (3
 * minutes), after which the session's NotAuthorizedException answers. The right code signs the user in
 * and marks the phone number or email verified, as the developer guide's SMS and email MFA page says.
 * After an MFA_SETUP answer with `EMAIL` ({@link answerEmailSetup}) the right code is also what sets that
 * email on the user and turns email MFA on; until then the user is unchanged.
 */
export async function answerMessageMfa(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'codes' | 'dates' | 'triggers'>,
  target: SignInTarget,
  type: 'SMS_MFA' | 'EMAIL_OTP',
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const parameter = type === 'SMS_MFA' ? 'SMS_MFA_CODE' : 'EMAIL_OTP_CODE';
  const { challenge, user, value: code } = openAnswer(deps, target, responses, () => openMfa(deps, session, type), parameter);
  const attribute = type === 'SMS_MFA' ? 'phone_number' : 'email';
  if (challenge.setupEmail !== undefined) checkSetupEmail(deps, target, user, challenge.setupEmail);
  deps.codes.use(target.pool.id, user.username, 'MFA', code, attribute);
  deps.challenges.consume(challenge);
  if (challenge.setupEmail !== undefined) {
    setUpEmailMfa(deps, target, user, challenge.setupEmail);
  } else if (user.attributes[`${attribute}_verified`] !== 'true') {
    user.attributes[`${attribute}_verified`] = 'true';
    deps.dates.modified(user);
  }
  return signedIn(deps, target, user, context);
}

/**
 * The SELECT_MFA_TYPE answer: `ANSWER` one of MFAS_CAN_CHOOSE; then that type's challenge (a code sent
 * for SMS_MFA and EMAIL_OTP) with a new Session. Another ANSWER is InvalidParameterException and leaves
 * the Session usable.
 */
export async function answerSelectMfaType(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'codes' | 'triggers'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: answer } = openAnswer(deps, target, responses, () => openMfa(deps, session, 'SELECT_MFA_TYPE'), 'ANSWER');
  const choices = challenge.choices ?? [];
  if (!choices.includes(answer)) {
    throw new CognitoError('InvalidParameterException', `The MFA type ${answer.slice(0, 60)} is not one of MFAS_CAN_CHOOSE (${choices.join(', ')})`);
  }
  // The code (and its custom message) first: a failing function leaves the Session usable.
  const next = await askForCode(deps, target, user, answer as MfaType, context);
  deps.challenges.consume(challenge);
  return next;
}

/** An MFA challenge's Session of the given type (absent in a session: SOFTWARE_TOKEN_MFA). */
function openMfa(deps: Pick<CognitoApiDeps, 'challenges'>, session: string | undefined, type: NonNullable<MfaSessionType>) {
  const challenge = deps.challenges.open('mfa', session);
  if ((challenge.type ?? 'SOFTWARE_TOKEN_MFA') !== type) throw invalidSession();
  return challenge;
}

/**
 * The MFA_SETUP answer, two ways:
 * - with the Session VerifySoftwareToken handed out: the user's authenticator app becomes their MFA
 *   (enabled and preferred) and they get tokens;
 * - with `EMAIL` (an address) when MFAS_CAN_SETUP listed EMAIL_OTP: see {@link answerEmailSetup}.
 *
 * The API reference documents MFA_SETUP's answer as `{"USERNAME"}` with VerifySoftwareToken's Session only
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html);
 * the `EMAIL` member follows aws-amplify v6, which sends it for its CONTINUE_SIGN_IN_WITH_EMAIL_SETUP step
 * ("set up EMAIL as multifactor authentication by associating an email address and entering the OTP",
 * https://aws-amplify.github.io/amplify-js/api/interfaces/aws_amplify.auth._Reference_Types_.ContinueSignInWithEmailSetup.html)
 * and then expects an EMAIL_OTP challenge. `PHONE_NUMBER`, which no source documents for MFA_SETUP, is
 * InvalidParameterException in mock-idp's wording (the API reference's way works: give the user a
 * phone_number and sign in again, `mfaStepFor` then sends an SMS code). Refusals leave the Session usable.
 */
export async function answerMfaSetup(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'codes' | 'dates' | 'triggers'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user } = openAnswer(deps, target, responses, () => deps.challenges.open('mfa-setup', session));
  if (responses?.PHONE_NUMBER !== undefined) {
    throw new CognitoError(
      'InvalidParameterException',
      'MFA_SETUP does not take PHONE_NUMBER: to set up SMS MFA, give the user a phone_number (AdminUpdateUserAttributes) and start the sign-in again.',
    );
  }
  if (responses?.EMAIL !== undefined) return answerEmailSetup(deps, target, challenge, user, responses.EMAIL, context);
  if (!challenge.verified || !user.mfa?.totpSecret) throw new CognitoError('InvalidParameterException', 'Software token MFA is not verified yet: call VerifySoftwareToken with this Session first.');
  deps.challenges.consume(challenge);
  const mfa = userMfa(user);
  mfa.totpEnabled = true;
  mfa.totpPreferred = true;
  deps.dates.modified(user);
  return signedIn(deps, target, user, context);
}

/**
 * MFA_SETUP answered with `EMAIL`, as aws-amplify v6 does it (signInHelpers' handleMFASetupChallenge): the
 * pool must allow email MFA (MFAS_CAN_SETUP listed EMAIL_OTP) and the address must look like one. Nothing
 * changes on the user yet: a code goes to the new address (purpose MFA, through the pool's custom message
 * function as other MFA codes, readable at `GET /_mock/pools/{pool}/users/{name}/codes`) and the answer is
 * the EMAIL_OTP challenge with a new Session and CODE_DELIVERY_* parameters. The right EMAIL_OTP_CODE
 * ({@link answerMessageMfa}) then sets the email, verified (the code proves the address, as the developer
 * guide's SMS and email MFA page says of MFA codes), and turns email MFA on and preferred, as MFA_SETUP does
 * for an authenticator app (Cognito documents neither; Amplify then reports EMAIL enabled and preferred).
 */
async function answerEmailSetup(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'codes' | 'triggers'>,
  target: SignInTarget,
  challenge: MfaSetupChallenge & { id: string },
  user: UserRecord,
  email: string,
  context: OperationContext,
): Promise<AuthResponse> {
  if (!poolMfaTypes(target.pool).includes('EMAIL_OTP')) {
    throw new CognitoError('InvalidParameterException', 'Email MFA is not enabled for this user pool: MFA_SETUP cannot set it up.');
  }
  if (email.length > 2048 || !isEmailFormat(email)) throw new CognitoError('InvalidParameterException', 'Invalid email address format.');
  checkSetupEmail(deps, target, user, email);
  // The code goes to the new address: the user as they will be, for the message and the delivery only.
  const receiver = { ...user, attributes: { ...user.attributes, email } };
  const prepared = await prepareCode(deps.triggers, { pool: target.pool, user: receiver, purpose: 'MFA', source: 'CustomMessage_Authentication', only: 'email', clientId: target.client.id }, context);
  deps.challenges.consume(challenge);
  const delivery = sendCode(deps.codes, receiver, 'MFA', context, 'email', prepared);
  return {
    ChallengeName: 'EMAIL_OTP',
    Session: deps.challenges.seal({ kind: 'mfa', pool: target.pool.id, client: target.client.id, username: user.username, type: 'EMAIL_OTP', setupEmail: email }),
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: delivery?.Destination ?? '' },
  };
}

/** The email an MFA_SETUP answer gives may become the user's: the schema lets it change, no other user answers to it. */
function checkSetupEmail(deps: Pick<CognitoApiDeps, 'directory'>, { pool }: SignInTarget, user: UserRecord, email: string): void {
  const changes = { email, email_verified: 'true' };
  attributesFromList(
    Object.entries(changes).map(([Name, Value]) => ({ Name, Value })),
    pool,
    'update',
  );
  checkAttributeChanges(deps.directory, pool, user, changes);
}

/** The right code for an email given to MFA_SETUP: the email set and verified, email MFA on and preferred. */
function setUpEmailMfa(deps: Pick<CognitoApiDeps, 'directory' | 'dates'>, { pool }: SignInTarget, user: UserRecord, email: string): void {
  deps.directory.setAttributes(pool, user, { email, email_verified: 'true' });
  const mfa = userMfa(user);
  mfa.emailEnabled = true;
  mfa.emailPreferred = true;
  if (mfa.smsPreferred) mfa.smsPreferred = false;
  if (mfa.totpPreferred) mfa.totpPreferred = false;
  deps.dates.modified(user);
}

/**
 * What both answers do first, in Cognito's order: `USERNAME` and the answer's own parameter, the Session
 * (`open`), its user (sealed for this pool and client), the SECRET_HASH.
 */
function openAnswer<C extends { pool: string; client: string; username: string }>(
  deps: Pick<CognitoApiDeps, 'directory'>,
  target: SignInTarget,
  responses: Record<string, string> | undefined,
  open: () => C,
  parameter?: string,
) {
  const username = requiredParameter(responses, 'USERNAME');
  const value = parameter === undefined ? '' : requiredParameter(responses, parameter);
  const challenge = open();
  const user = challengeUser(deps, target, challenge);
  checkSecretHash(target.client, [username, user.username], responses?.SECRET_HASH);
  return { challenge, user, value };
}

/** The user a challenge was sealed for, when it was sealed for this pool and client. */
function challengeUser(deps: Pick<CognitoApiDeps, 'directory'>, { pool, client }: SignInTarget, challenge: { pool: string; client: string; username: string }): UserRecord {
  const user = deps.directory.findUser(pool, challenge.username);
  if (challenge.pool !== pool.id || challenge.client !== client.id || !user || user.username !== challenge.username) throw invalidSession();
  return user;
}
