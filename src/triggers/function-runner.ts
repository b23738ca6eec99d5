import type { TriggerFunctionsConfig } from '../config/types.js';
import { EndpointInvoker, type AwsCredentials } from './endpoint-invoker.js';
import { InvokeFailure } from './invoke-errors.js';
import { ModuleInvoker } from './module-invoker.js';
import type { TriggerEvent } from './trigger-event.js';

/** Where an ARN runs: a module in-process, the Lambda endpoint, or nowhere. */
export type FunctionPlace = 'module' | 'endpoint' | null;

/**
 * Runs a function by ARN where the configuration puts it (`lambda.functions`, then `lambda.endpoint`)
 * and gives back its result as Lambda would send it: JSON, so `undefined` comes back as null.
 * Every failure is an {@link InvokeFailure}.
 *
 * @example
 * const runner = new FunctionRunner(config.lambda, null);
 * const result = await runner.invoke('arn:aws:lambda:us-east-1:000000000000:function:pre-sign-up', event);
 */
export class FunctionRunner {
  readonly #config: TriggerFunctionsConfig;
  readonly #modules = new ModuleInvoker();
  readonly #endpoint: EndpointInvoker | null;

  constructor(config: TriggerFunctionsConfig, credentials: AwsCredentials | null | undefined) {
    this.#config = config;
    this.#endpoint = config.endpoint ? new EndpointInvoker(config.endpoint, credentials) : null;
  }

  /** Where `arn` runs. */
  placeOf(arn: string): FunctionPlace {
    const entry = this.#config.functions[arn];
    if (entry?.module) return 'module';
    return this.#endpoint ? 'endpoint' : null;
  }

  async invoke(arn: string, event: TriggerEvent): Promise<unknown> {
    const entry = this.#config.functions[arn];
    const timeoutSeconds = entry?.timeoutSeconds ?? this.#config.timeoutSeconds;
    if (entry?.module) {
      const result = await this.#modules.invoke({ arn, module: entry.module, export: entry.export, timeoutSeconds }, event);
      return asJson(result);
    }
    if (this.#endpoint) return this.#endpoint.invoke({ name: entry?.functionName ?? arn, region: regionOf(arn) ?? event.region, timeoutSeconds }, event);
    throw new InvokeFailure(
      'unmapped',
      `mock-idp runs ${arn} nowhere: map it to a module in the server config (lambda.functions: { "${arn}": { "module": "./triggers/handler.ts" } }) or set lambda.endpoint (or AWS_ENDPOINT_URL_LAMBDA) to a Lambda-compatible endpoint`,
    );
  }
}

/** The result as it crosses the wire: Lambda sends JSON.stringify's output, and `null` for undefined. */
function asJson(result: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    throw new InvokeFailure('malformed', `the function's result cannot be serialised as JSON: ${(error as Error).message}`);
  }
  return text === undefined ? null : JSON.parse(text);
}

function regionOf(arn: string): string | undefined {
  return arn.split(':')[3] || undefined;
}
