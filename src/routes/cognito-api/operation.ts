import type { FastifyBaseLogger } from 'fastify';
import type { ServerClock } from '../../clock.js';
import type { ChallengeSessions } from '../../cognito/challenge-sessions.js';
import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import type { SignIns } from '../../cognito/sign-ins.js';
import type { SrpVerifiers } from '../../cognito/srp.js';
import type { UserDates } from '../../cognito/user-dates.js';
import type { Directory } from '../../directory/directory.js';
import type { KeyRing } from '../../keys/key-ring.js';
import type { Triggers } from '../../triggers/triggers.js';
import type { PublicUrls } from '../../urls.js';

/** What the JSON API's operations share. Each operation takes only the parts it needs. */
export interface CognitoApiDeps {
  directory: Directory;
  signIns: SignIns;
  clock: ServerClock;
  codes: ConfirmationCodes;
  srp: SrpVerifiers;
  challenges: ChallengeSessions;
  dates: UserDates;
  /** Pools made through the API get their signing keys here. */
  keyRing: KeyRing;
  urls: PublicUrls;
  /** The pools' trigger functions (src/triggers). */
  triggers: Triggers;
}

export interface OperationContext {
  /** The request's logger: codes and temporary passwords are logged here at info level. */
  log: FastifyBaseLogger;
  /** The caller's AWS SDK as trigger events name it (`callerContext.awsSdkVersion`), from its User-Agent. */
  awsSdkVersion: string;
  /**
   * RespondToAuthChallenge's ClientMetadata, which Cognito passes on to the pre token generation function
   * of the sign-in it completes (InitiateAuth's is not passed on).
   */
  clientMetadata?: Record<string, string> | undefined;
}

/** One operation: the parsed JSON body in, the response body out; errors are thrown as CognitoErrors. */
export type Handler = (body: Record<string, unknown>, context: OperationContext) => Promise<object>;

/** Makes an operation's handler from the shared parts. */
export type Operation = (deps: CognitoApiDeps) => Handler;

/**
 * How Cognito authorizes an operation: `iam` operations need AWS credentials
 * (SigV4, e.g. every Admin* call and the control plane); `public` ones are
 * called by apps with a client id, an access token or a session.
 */
export type Access = 'iam' | 'public';

/** One row of the operation registry: the handler and what the server and the docs need to know of it. */
export interface OperationEntry {
  make: Operation;
  access: Access;
  /** True when a successful call can change state: with a state dir, it is answered only once saved. */
  changes: boolean;
  /** What the operation does here, in a line (the generated docs table). */
  summary: string;
  /** Known differences from Cognito (the generated docs table); omitted when there is none known. */
  differences?: string;
}

/**
 * A registry row.
 *
 * @example
 * ListGroups: operation(listGroups, { access: 'iam', changes: false, summary: 'The pool\'s groups, by name' }),
 */
export function operation(make: Operation, row: Omit<OperationEntry, 'make'>): OperationEntry {
  return { make, ...row };
}
