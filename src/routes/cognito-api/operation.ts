import type { FastifyBaseLogger } from 'fastify';
import type { ServerClock } from '../../clock.js';
import type { ChallengeSessions } from '../../cognito/challenge-sessions.js';
import type { ConfirmationCodes } from '../../cognito/confirmation-codes.js';
import type { SignIns } from '../../cognito/sign-ins.js';
import type { SrpVerifiers } from '../../cognito/srp.js';
import type { UserDates } from '../../cognito/user-dates.js';
import type { Directory } from '../../directory/directory.js';

/** What the JSON API's operations share. Each operation takes only the parts it needs. */
export interface CognitoApiDeps {
  directory: Directory;
  signIns: SignIns;
  clock: ServerClock;
  codes: ConfirmationCodes;
  srp: SrpVerifiers;
  challenges: ChallengeSessions;
  dates: UserDates;
}

export interface OperationContext {
  /** The request's logger: codes and temporary passwords are logged here at info level. */
  log: FastifyBaseLogger;
}

/** One operation: the parsed JSON body in, the response body out; errors are thrown as CognitoErrors. */
export type Handler = (body: Record<string, unknown>, context: OperationContext) => Promise<object>;

/** Makes an operation's handler from the shared parts. */
export type Operation = (deps: CognitoApiDeps) => Handler;
