import type { Clock } from '../clock.js';
import type { Pool } from '../directory/pool.js';
import type { FunctionRunner } from './function-runner.js';
import { InvokeFailure } from './invoke-errors.js';
import { cognitoTriggerError } from './trigger-errors.js';
import { triggerEvent, type TriggerEvent, type TriggerEventParts } from './trigger-event.js';
import { triggerFunction, type TriggerFunction, type TriggerName } from './trigger-functions.js';
import type { TriggerJournal } from './trigger-journal.js';

/** One trigger call: the event's parts, and what to check in the function's response. */
export interface TriggerCall extends TriggerEventParts {
  trigger: TriggerName;
  /**
   * Checks the function's `response` (after the common checks); throw {@link invalidLambdaResponse}
   * for one Cognito cannot use. The journal records the failure.
   */
  check?: (response: Record<string, unknown>) => void;
}

/** What a trigger answered. */
export interface TriggerResult {
  /** The returned event's `response` ({} when it returned the event without one). */
  response: Record<string, unknown>;
  /** The event that was sent. */
  event: TriggerEvent;
}

/**
 * Runs a pool's trigger functions (its LambdaConfig) and turns their failures into Cognito's errors.
 * Every invocation goes to the journal. Operations call {@link Triggers.run} before they change
 * anything, so a failed trigger leaves no partial state.
 *
 * @example
 * const result = await triggers.run({ pool, trigger: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', userName, clientId,
 *   awsSdkVersion: context.awsSdkVersion, request: { userAttributes, validationData: null }, response: { autoConfirmUser: false } });
 * if (result?.response.autoConfirmUser === true) …
 */
export class Triggers {
  readonly #runner: FunctionRunner;
  readonly #journal: TriggerJournal;
  readonly #clock: Clock;

  constructor({ runner, journal, clock }: { runner: FunctionRunner; journal: TriggerJournal; clock: Clock }) {
    this.#runner = runner;
    this.#journal = journal;
    this.#clock = clock;
  }

  get journal(): TriggerJournal {
    return this.#journal;
  }

  /** The function `pool` runs for `trigger` (with PreTokenGeneration's version), or null. */
  functionOf(pool: Pool, trigger: TriggerName): TriggerFunction | null {
    return triggerFunction(pool, trigger);
  }

  /**
   * Runs `call.trigger`'s function and gives its response, or null when the pool has none for it.
   * Throws a CognitoError (UserLambdaValidationException, UnexpectedLambdaException,
   * InvalidLambdaResponseException) when it fails.
   */
  async run(call: TriggerCall): Promise<TriggerResult | null> {
    const fn = triggerFunction(call.pool, call.trigger);
    if (!fn) return null;
    const event = triggerEvent(call);
    const started = this.#clock.now();
    const base = {
      at: started,
      pool: call.pool.id,
      trigger: call.trigger,
      triggerSource: call.triggerSource,
      function: fn.arn,
      ranAt: this.#runner.placeOf(fn.arn),
      event: structuredClone(event),
    };
    let result: unknown;
    let answered = false;
    try {
      result = await this.#runner.invoke(fn.arn, structuredClone(event));
      answered = true;
      const response = responseOf(result);
      call.check?.(response);
      this.#journal.add({ ...base, result, durationMs: this.#clock.now() - started });
      return { response, event };
    } catch (error) {
      const failure = error instanceof InvokeFailure ? error : new InvokeFailure('unreachable', (error as Error).message ?? String(error));
      const cognito = cognitoTriggerError(call.trigger, failure);
      this.#journal.add({
        ...base,
        ...(answered ? { result } : {}),
        error: { type: cognito.type, message: cognito.message, kind: failure.kind === 'malformed' ? `malformed: ${failure.message}` : failure.kind },
        durationMs: this.#clock.now() - started,
      });
      throw cognito;
    }
  }
}

/**
 * The `response` of what the function returned. Lambda handlers return the event they were given; a result
 * that is not an object (a handler that returned nothing) is "Unrecognizable lambda output" at Cognito.
 */
function responseOf(result: unknown): Record<string, unknown> {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) throw new InvokeFailure('malformed', 'the function returned no event object');
  const response = (result as { response?: unknown }).response;
  if (response === undefined || response === null) return {};
  if (typeof response !== 'object' || Array.isArray(response)) throw new InvokeFailure('malformed', 'the returned event has a response that is not an object');
  return response as Record<string, unknown>;
}
