import type { FastifyBaseLogger } from 'fastify';
import { TOTP, Secret } from 'otpauth';
import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { HostedMfaSteps, type PendingMfa } from '../../cognito/hosted-mfa-steps.js';
import { mfaTypes, type MfaType } from '../../cognito/mfa-methods.js';
import { acceptTotp, newTotpSecret, userMfa } from '../../cognito/mfa.js';
import type { Client, Pool } from '../../directory/directory.js';
import type { AuthResponse } from '../cognito-api/sign-in-outcome.js';
import { askForCode, mfaChallenge } from '../cognito-api/mfa-step.js';
import type { Services } from '../../services.js';

type Deps = Pick<Services, 'directory' | 'challenges' | 'clock' | 'userDates' | 'confirmationCodes' | 'triggers'>;

/** What the page shows for an MFA step. */
export interface MfaView {
  challenge: string;
  username: string;
  /** SOFTWARE_TOKEN_MFA: the authenticator app's name (VerifySoftwareToken's FriendlyDeviceName). */
  deviceName?: string | undefined;
  /** SMS_MFA, EMAIL_OTP: where the code went (masked, as the API's CODE_DELIVERY_DESTINATION). */
  destination?: string | undefined;
  /** SELECT_MFA_TYPE: the types to choose from (MFAS_CAN_CHOOSE). */
  choices?: string[] | undefined;
  /** MFA_SETUP: the new secret, and the otpauth:// URI an authenticator app takes (as a QR code would carry it). */
  setup?: { secret: string; uri: string } | undefined;
}

/** What a step's answer led to. */
export type MfaOutcome =
  | { kind: 'signed-in'; user: UserRecord }
  /** A step to show: the next one (after SELECT_MFA_TYPE), or the same again with Cognito's error (a wrong code). */
  | { kind: 'step'; view: MfaView; error?: CognitoError }
  /** No live step for this browser (expired, never started, or its user gone): the sign-in form again. */
  | { kind: 'start-over'; error: CognitoError };

interface Target {
  pool: Pool;
  client: Client;
}

const expired = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.');

/**
 * The hosted login's MFA step, as Cognito's managed login shows it
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html): after a right
 * password, the challenge the API would answer ({@link mfaChallenge}, the same decision, and the same
 * code "sent" for SMS and email) becomes a page: a code form (authenticator app, SMS, email), a choice
 * of MFA type, or an authenticator-app setup with its secret and otpauth:// URI, then a code. Only a
 * right code signs the user in. The challenge's Session stays on the server, held under the browser's
 * CSRF token ({@link HostedMfaSteps}), for the API's 3 minutes on the server's clock.
 */
export class HostedMfa {
  readonly #deps: Deps;
  readonly #steps: HostedMfaSteps;

  constructor(deps: Deps) {
    this.#deps = deps;
    this.#steps = new HostedMfaSteps({ clock: deps.clock });
  }

  #stepDeps() {
    return { challenges: this.#deps.challenges, codes: this.#deps.confirmationCodes, triggers: this.#deps.triggers };
  }

  /**
   * After a right password: the MFA step the API would answer, held for the browser with CSRF token
   * `token`; undefined when the user signs in without MFA. A failing custom message function (for an SMS or
   * email code) throws its CognitoError.
   */
  async begin(token: string, target: Target, user: UserRecord, log: FastifyBaseLogger): Promise<MfaView | undefined> {
    // A new password sign-in from this browser ends any step it had.
    this.#steps.drop(token);
    const next = await mfaChallenge(this.#stepDeps(), target, user, { log });
    if (!next) return undefined;
    const pending = pendingOf(target, user, next);
    if (pending.challenge === 'MFA_SETUP') {
      if (!setupChoices(pending).includes('SOFTWARE_TOKEN_MFA')) {
        throw new CognitoError('InvalidParameterException', "MFA is required but this user can receive no code: mock-idp's hosted login sets up authenticator apps only.");
      }
      // As AssociateSoftwareToken with the MFA_SETUP Session: a new secret, the user's pending one until a code proves it.
      pending.secret = newTotpSecret();
      userMfa(user).pendingTotpSecret = pending.secret;
    }
    this.#steps.hold(token, pending);
    return view(pending, target.pool);
  }

  /** The step form's answer (`code`, or `mfaType` for SELECT_MFA_TYPE) from the browser with CSRF token `token`. */
  async answer(token: string, target: Target, form: Record<string, string | undefined>, log: FastifyBaseLogger): Promise<MfaOutcome> {
    const { pool } = target;
    const pending = this.#steps.find(token, pool.id, target.client.id);
    if (!pending) return { kind: 'start-over', error: expired() };
    let challenge;
    try {
      challenge = pending.challenge === 'MFA_SETUP' ? this.#deps.challenges.open('mfa-setup', pending.session) : this.#deps.challenges.open('mfa', pending.session);
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      this.#steps.drop(token);
      return { kind: 'start-over', error };
    }
    if (challenge.kind === 'mfa' && (challenge.type ?? 'SOFTWARE_TOKEN_MFA') !== pending.challenge) {
      this.#steps.drop(token);
      return { kind: 'start-over', error: expired() };
    }
    const user = this.#deps.directory.findUser(pool, pending.username);
    if (!user || user.username !== pending.username || !user.enabled) {
      this.#steps.drop(token);
      return { kind: 'start-over', error: new CognitoError('NotAuthorizedException', 'Invalid session for the user.') };
    }
    const code = (form.code ?? '').trim();
    const now = this.#deps.clock.now();
    switch (pending.challenge) {
      case 'SELECT_MFA_TYPE': {
        // As RespondToAuthChallenge SELECT_MFA_TYPE: one of MFAS_CAN_CHOOSE, then that type's challenge (a code sent).
        const choice = form.mfaType ?? '';
        const choices = 'choices' in challenge ? (challenge.choices ?? []) : [];
        if (!choices.includes(choice))
          return again(pending, pool, new CognitoError('InvalidParameterException', `The MFA type ${choice.slice(0, 60)} is not one of MFAS_CAN_CHOOSE (${choices.join(', ')})`));
        // The code (and its custom message) first: a failing function shows its error and leaves the step usable.
        let asked;
        try {
          asked = await askForCode(this.#stepDeps(), target, user, choice as MfaType, { log });
        } catch (error) {
          if (!(error instanceof CognitoError)) throw error;
          return again(pending, pool, error);
        }
        this.#deps.challenges.consume(challenge);
        const next = pendingOf(target, user, asked);
        this.#steps.advance(token, next);
        return { kind: 'step', view: view(next, pool) };
      }
      case 'SOFTWARE_TOKEN_MFA': {
        // As RespondToAuthChallenge SOFTWARE_TOKEN_MFA: a wrong or reused code leaves the step usable.
        const secret = user.mfa?.totpSecret;
        if (!secret) return again(pending, pool, new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.'));
        if (!acceptTotp(user, secret, code, now)) return again(pending, pool, new CognitoError('CodeMismatchException', 'Invalid code received for user'));
        break;
      }
      case 'SMS_MFA':
      case 'EMAIL_OTP': {
        // As RespondToAuthChallenge SMS_MFA / EMAIL_OTP: the code sent with the challenge; the right one verifies the phone or email.
        const attribute = pending.challenge === 'SMS_MFA' ? 'phone_number' : 'email';
        try {
          this.#deps.confirmationCodes.use(pool.id, user.username, 'MFA', code, attribute);
        } catch (error) {
          if (!(error instanceof CognitoError)) throw error;
          return again(pending, pool, error);
        }
        if (user.attributes[`${attribute}_verified`] !== 'true') {
          user.attributes[`${attribute}_verified`] = 'true';
          this.#deps.userDates.modified(user);
        }
        break;
      }
      case 'MFA_SETUP': {
        // As VerifySoftwareToken then RespondToAuthChallenge MFA_SETUP: the app becomes the user's MFA, enabled and preferred.
        const secret = pending.secret!;
        if (!acceptTotp(user, secret, code, now)) return again(pending, pool, new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'));
        const mfa = userMfa(user);
        mfa.totpSecret = secret;
        if (mfa.pendingTotpSecret === secret) delete mfa.pendingTotpSecret;
        mfa.totpEnabled = true;
        mfa.totpPreferred = true;
        this.#deps.userDates.modified(user);
        break;
      }
      default:
        this.#steps.drop(token);
        return { kind: 'start-over', error: expired() };
    }
    this.#deps.challenges.consume(challenge);
    this.#steps.drop(token);
    return { kind: 'signed-in', user };
  }
}

function pendingOf({ pool, client }: Target, user: UserRecord, next: AuthResponse): PendingMfa {
  return { poolId: pool.id, clientId: client.id, username: user.username, challenge: next.ChallengeName!, session: next.Session!, parameters: next.ChallengeParameters };
}

/** MFA_SETUP's MFAS_CAN_SETUP. */
function setupChoices(pending: PendingMfa): string[] {
  return listParameter(pending.parameters.MFAS_CAN_SETUP);
}

function listParameter(value: string | undefined): string[] {
  try {
    const list: unknown = JSON.parse(value ?? '[]');
    return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function again(pending: PendingMfa, pool: Pool, error: CognitoError): MfaOutcome {
  return { kind: 'step', view: view(pending, pool), error };
}

function view(pending: PendingMfa, pool: Pool): MfaView {
  const { FRIENDLY_DEVICE_NAME: deviceName, CODE_DELIVERY_DESTINATION: destination, MFAS_CAN_CHOOSE: choices } = pending.parameters;
  const setup = pending.secret === undefined ? undefined : { secret: pending.secret, uri: totpSetupUri(pending.secret, pool.name, pending.username) };
  // Choices in Cognito's order (SMS, authenticator app, email), whatever order the parameter lists them in.
  const chosen = choices === undefined ? undefined : mfaTypes.filter((type) => listParameter(choices).includes(type));
  return { challenge: pending.challenge, username: pending.username, deviceName, destination, choices: chosen, setup };
}

/**
 * The otpauth:// URI of an authenticator-app setup (Google Authenticator's key URI format): the pool's
 * name as the issuer, the username as the account, the secret and the RFC 6238 parameters.
 */
export function totpSetupUri(secret: string, issuer: string, account: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).toString();
}
