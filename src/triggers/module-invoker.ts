import { randomUUID } from 'node:crypto';
import { InvokeFailure } from './invoke-errors.js';
import { loadHandlerModule } from './module-loader.js';
import type { TriggerEvent } from './trigger-event.js';

/** A module's handler, as Lambda's Node.js runtime calls it: async (returns the result) or with a callback. */
type LambdaHandler = (event: unknown, context: object, callback: (error?: unknown, result?: unknown) => void) => unknown;

export interface ModuleFunction {
  arn: string;
  /** An absolute path (the loader resolves it against the config file). */
  module: string;
  /** The export; default `handler`. */
  export?: string | undefined;
  timeoutSeconds: number;
}

/**
 * Runs handlers from modules in-process, as Lambda's Node.js runtime would: `handler(event, context, callback)`;
 * an async handler's promise or the callback (whichever settles first) gives the result, and a handler that does
 * neither within the timeout fails as a Lambda timeout. The module loads on first use and stays loaded.
 */
export class ModuleInvoker {
  readonly #handlers = new Map<string, Promise<LambdaHandler>>();

  async invoke(fn: ModuleFunction, event: TriggerEvent): Promise<unknown> {
    const handler = await this.#handler(fn);
    const timeoutMs = fn.timeoutSeconds * 1000;
    const deadline = performance.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<unknown>((resolve, reject) => {
        timer = setTimeout(() => reject(new InvokeFailure('timeout', `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`)), timeoutMs);
        const done = (error?: unknown, result?: unknown) => (error === undefined || error === null ? resolve(result) : reject(functionError(error)));
        const context = lambdaContext(fn, deadline, done);
        let returned: unknown;
        try {
          returned = handler(event, context, done);
        } catch (error) {
          reject(functionError(error));
          return;
        }
        if (isThenable(returned)) returned.then(resolve, (error: unknown) => reject(functionError(error)));
      });
    } finally {
      clearTimeout(timer);
    }
  }

  #handler(fn: ModuleFunction): Promise<LambdaHandler> {
    const key = `${fn.module}#${fn.export ?? 'handler'}`;
    let loading = this.#handlers.get(key);
    if (!loading) {
      loading = loadHandlerModule(fn.module).then((module) => {
        const name = fn.export ?? 'handler';
        const candidate = module[name] ?? (module.default as Record<string, unknown> | undefined)?.[name];
        if (typeof candidate !== 'function') {
          throw new InvokeFailure('unreachable', `${fn.module} has no function export "${name}" (exports: ${Object.keys(module).join(', ') || 'none'})`);
        }
        return candidate as LambdaHandler;
      });
      // A failed load is tried again next time (the file may have been fixed).
      loading.catch(() => this.#handlers.delete(key));
      this.#handlers.set(key, loading);
    }
    return loading;
  }
}

/** Lambda's error of a handler: its message and type, as the runtime reports them (`errorMessage`, `errorType`). */
function functionError(error: unknown): InvokeFailure {
  if (error instanceof Error) return new InvokeFailure('function-error', error.message, error.name);
  return new InvokeFailure('function-error', typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error)), 'Error');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The parts of Lambda's Node.js context object handlers use (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html). */
function lambdaContext(fn: ModuleFunction, deadline: number, done: (error?: unknown, result?: unknown) => void): object {
  const name = fn.arn.split(':')[6] ?? fn.arn;
  return {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'mock-idp',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
    // The legacy context methods older handlers still call.
    done,
    succeed: (result: unknown) => done(null, result),
    fail: (error: unknown) => done(error ?? new Error('handled')),
  };
}
