import { InvokeFailure } from './invoke-errors.js';
import type { TriggerEvent } from './trigger-event.js';

export interface EndpointFunction {
  /** The FunctionName sent: the ARN, or the configured `functionName`. */
  name: string;
  region: string;
  timeoutSeconds: number;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

/** Credentials a local Lambda runtime accepts when the environment gives none (they check no signature). */
const testCredentials: AwsCredentials = { accessKeyId: 'mock-idp', secretAccessKey: 'mock-idp' };

type LambdaModule = typeof import('@aws-sdk/client-lambda');

/**
 * Invokes functions through the Lambda Invoke API (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html)
 * at a Lambda-compatible endpoint (`sam local start-lambda`, LocalStack), with the AWS SDK's Lambda client,
 * loaded on first use. A function error is `X-Amz-Function-Error` with `{errorMessage, errorType}` as the payload.
 */
export class EndpointInvoker {
  readonly #endpoint: string;
  readonly #credentials: AwsCredentials;
  #sdk: Promise<LambdaModule> | undefined;
  readonly #clients = new Map<string, InstanceType<LambdaModule['LambdaClient']>>();

  constructor(endpoint: string, credentials: AwsCredentials | null | undefined) {
    this.#endpoint = endpoint;
    this.#credentials = credentials ?? testCredentials;
  }

  async invoke(fn: EndpointFunction, event: TriggerEvent): Promise<unknown> {
    this.#sdk ??= import('@aws-sdk/client-lambda');
    const { LambdaClient, InvokeCommand } = await this.#sdk;
    let client = this.#clients.get(fn.region);
    if (!client) {
      client = new LambdaClient({ endpoint: this.#endpoint, region: fn.region, credentials: this.#credentials, maxAttempts: 1 });
      this.#clients.set(fn.region, client);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), fn.timeoutSeconds * 1000);
    let answer;
    try {
      answer = await client.send(new InvokeCommand({ FunctionName: fn.name, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }), {
        abortSignal: abort.signal,
      });
    } catch (error) {
      if (abort.signal.aborted) throw new InvokeFailure('timeout', `no answer from ${this.#endpoint} within ${fn.timeoutSeconds} seconds`);
      const name = (error as Error).name;
      throw new InvokeFailure('unreachable', `${name}: ${(error as Error).message}`, name);
    } finally {
      clearTimeout(timer);
    }
    const text = answer.Payload ? new TextDecoder().decode(answer.Payload) : '';
    let payload: unknown;
    try {
      payload = text.trim() === '' ? null : JSON.parse(text);
    } catch {
      throw new InvokeFailure('malformed', `the function answered with text that is not JSON: ${text.slice(0, 80)}`);
    }
    if (answer.FunctionError) {
      const { errorMessage, errorType } = (payload ?? {}) as { errorMessage?: unknown; errorType?: unknown };
      throw new InvokeFailure('function-error', typeof errorMessage === 'string' ? errorMessage : text, typeof errorType === 'string' ? errorType : answer.FunctionError);
    }
    return payload;
  }
}
