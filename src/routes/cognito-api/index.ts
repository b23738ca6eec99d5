import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CognitoError } from '../../cognito/errors.js';
import { MockIdpError } from '../../errors.js';
import { isBodyTooLarge } from '../../plugins/error-handler.js';
import { jsonTextTooDeep, maxBodyDepth } from '../../security/json-depth.js';
import { checkSignature } from '../../security/sigv4.js';
import { awsSdkVersionOf } from '../../triggers/trigger-event.js';
import type { Services } from '../../services.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { operations } from './registry.js';
const targetPrefix = 'AWSCognitoIdentityProviderService.';
const amzJson = 'application/x-amz-json-1.1';

/**
 * The Cognito JSON API (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html): `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`, as the AWS SDK,
 * amazon-cognito-identity-js and Amplify call it. Any SigV4 signature is
 * accepted. Every answer has `x-amzn-RequestId` and Cognito's CORS headers;
 * errors are `{"__type", "message"}` with `x-amzn-ErrorType`.
 */
export async function cognitoApiRoutes(
  app: FastifyInstance,
  {
    config,
    directory,
    signIns,
    clock,
    confirmationCodes,
    keyRing,
    urls,
    state,
    userDates,
    challenges,
    srpVerifiers,
    triggers,
  }: Pick<Services, 'config' | 'directory' | 'signIns' | 'clock' | 'confirmationCodes' | 'keyRing' | 'urls' | 'state' | 'userDates' | 'challenges' | 'srpVerifiers' | 'triggers'>,
) {
  const deps: CognitoApiDeps = {
    directory,
    keyRing,
    urls,
    signIns,
    clock,
    codes: confirmationCodes,
    srp: srpVerifiers,
    challenges,
    dates: userDates,
    triggers,
  };
  const handlers = new Map<string, Handler>(Object.entries(operations).map(([name, entry]) => [name, entry.make(deps)]));

  // Every body is read as text and parsed here, so that bad JSON is Cognito's error, not the control API's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // The Date header changes once a second: made once a second, not once a request.
  let dateSecond = Number.NaN;
  let dateHeader = '';
  app.addHook('onRequest', (_request, reply, done) => {
    const second = Math.floor(clock.now() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateHeader = new Date(second * 1000).toUTCString();
    }
    reply
      .header('x-amzn-RequestId', randomUUID())
      // The server's clock, so that an AWS SDK signing with real time after the clock was shifted corrects its skew and retries.
      .header('date', dateHeader)
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
    done();
  });
  app.setErrorHandler((error, request, reply) => sendCognitoError(request, reply, error));

  app.options('/', async (request, reply) =>
    reply
      .status(200)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? 'content-type,x-amz-target,x-amz-user-agent,authorization,x-amz-date,cache-control')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.post('/', async (request, reply) => {
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(targetPrefix)) {
      throw new CognitoError('InvalidParameterException', `X-Amz-Target must be ${targetPrefix}<Operation> (got ${target === undefined ? 'none' : JSON.stringify(String(target).slice(0, 80))})`);
    }
    const name = target.slice(targetPrefix.length);
    const handler = handlers.get(name);
    const entry = operations[name as keyof typeof operations];
    if (!handler || !entry) {
      throw new CognitoError('UnsupportedOperationException', `mock-idp does not support the Cognito operation ${name.slice(0, 80)} (supported: ${[...handlers.keys()].join(', ')})`);
    }
    // With an admin token, what Cognito authorizes with IAM needs a SigV4 signature made with the token as the secret key.
    const adminToken = config.adminToken;
    if (adminToken !== null && entry.access === 'iam') {
      await checkSignature({ method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' }, adminToken, clock.now());
    }
    const result = await handler(parseBody(request.body), { log: request.log, awsSdkVersion: awsSdkVersionOf(request.headers['x-amz-user-agent'], request.headers['user-agent']) });
    // With a state dir, a change is answered only once it is on disk; a failed save is this request's error.
    if (entry.changes) await state.save();
    return reply
      .status(200)
      .header('content-type', amzJson)
      .send(Buffer.from(JSON.stringify(result)));
  });
}

function parseBody(raw: unknown): Record<string, unknown> {
  let body = raw;
  if (typeof raw === 'string') {
    // Before parsing: handlers clone what they keep, and structuredClone overflows the stack on deep nesting.
    if (jsonTextTooDeep(raw, maxBodyDepth)) throw new CognitoError('InvalidParameterException', `The request body nests deeper than ${maxBodyDepth} levels`);
    try {
      body = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      throw new CognitoError('InvalidParameterException', 'The request body is not valid JSON');
    }
  }
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CognitoError('InvalidParameterException', 'The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * Cognito's error format: HTTP 400 (500 for InternalErrorException), body
 * `{"__type", "message"}`, headers `x-amzn-ErrorType: <Type>:` and
 * `x-amzn-ErrorMessage`. Bad input of any kind is InvalidParameterException
 * (with status 413 for a body over the limit).
 */
export function sendCognitoError(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  let cognito: CognitoError;
  if (error instanceof CognitoError) cognito = error;
  else if (error instanceof MockIdpError && error.code === 'STATE_NOT_SAVED') {
    request.log.error({ err: error }, 'Cognito API change not saved');
    cognito = new CognitoError('InternalErrorException', error.message);
  } else if (error instanceof MockIdpError && error.statusCode < 500) {
    cognito = new CognitoError(error.statusCode === 404 ? 'ResourceNotFoundException' : 'InvalidParameterException', error.message);
  } else if (error instanceof Error && typeof (error as FastifyError).statusCode === 'number' && (error as FastifyError).statusCode! < 500) {
    cognito = new CognitoError('InvalidParameterException', error.message);
  } else {
    request.log.error({ err: error }, 'Cognito API request failed');
    cognito = new CognitoError('InternalErrorException', 'Internal error');
  }
  return reply
    .status(isBodyTooLarge(error) ? 413 : cognito.statusCode)
    .header('content-type', amzJson)
    .header('x-amzn-ErrorType', `${cognito.type}:`)
    .header('x-amzn-ErrorMessage', cognito.message.replace(/[^\x20-\x7e]/g, '?'))
    .send(Buffer.from(JSON.stringify({ __type: cognito.type, message: cognito.message })));
}
