import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ChallengeSessions } from '../../cognito/challenge-sessions.js';
import { CognitoError } from '../../cognito/errors.js';
import { SrpVerifiers } from '../../cognito/srp.js';
import { UserDates } from '../../cognito/user-dates.js';
import { MockIdpError } from '../../errors.js';
import { isBodyTooLarge } from '../../plugins/error-handler.js';
import type { Services } from '../../services.js';
import { adminAddUserToGroup } from './admin-add-user-to-group.js';
import { adminConfirmSignUp } from './admin-confirm-sign-up.js';
import { adminCreateUser } from './admin-create-user.js';
import { adminDeleteUser } from './admin-delete-user.js';
import { adminDisableUser, adminEnableUser } from './admin-disable-user.js';
import { adminGetUser } from './admin-get-user.js';
import { adminInitiateAuth } from './admin-initiate-auth.js';
import { adminListGroupsForUser } from './admin-list-groups-for-user.js';
import { adminRemoveUserFromGroup } from './admin-remove-user-from-group.js';
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.js';
import { adminSetUserPassword } from './admin-set-user-password.js';
import { adminUpdateUserAttributes } from './admin-update-user-attributes.js';
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.js';
import { changePassword } from './change-password.js';
import { confirmForgotPassword } from './confirm-forgot-password.js';
import { confirmSignUp } from './confirm-sign-up.js';
import { forgotPassword } from './forgot-password.js';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.js';
import { getUser } from './get-user.js';
import { globalSignOut } from './global-sign-out.js';
import { initiateAuth } from './initiate-auth.js';
import { listUsers } from './list-users.js';
import type { CognitoApiDeps, Handler, Operation } from './operation.js';
import { resendConfirmationCode } from './resend-confirmation-code.js';
import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { revokeToken } from './revoke-token.js';
import { signUp } from './sign-up.js';
import { updateUserAttributes } from './update-user-attributes.js';
import { verifyUserAttribute } from './verify-user-attribute.js';

/** The operations mock-idp answers, by `X-Amz-Target` operation name. Anything else is UnsupportedOperationException. */
export const operations = {
  InitiateAuth: initiateAuth,
  AdminInitiateAuth: adminInitiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  RevokeToken: revokeToken,
  GlobalSignOut: globalSignOut,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  AdminConfirmSignUp: adminConfirmSignUp,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ChangePassword: changePassword,
  GetUser: getUser,
  UpdateUserAttributes: updateUserAttributes,
  VerifyUserAttribute: verifyUserAttribute,
  AdminCreateUser: adminCreateUser,
  AdminGetUser: adminGetUser,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminDeleteUser: adminDeleteUser,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  ListUsers: listUsers,
} satisfies Record<string, Operation>;

const targetPrefix = 'AWSCognitoIdentityProviderService.';
const amzJson = 'application/x-amz-json-1.1';

/**
 * The Cognito JSON API (reference/cognito.md §5): `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`, as the AWS SDK,
 * amazon-cognito-identity-js and Amplify call it. Any SigV4 signature is
 * accepted. Every answer has `x-amzn-RequestId` and Cognito's CORS headers;
 * errors are `{"__type", "message"}` with `x-amzn-ErrorType`.
 */
export async function cognitoApiRoutes(app: FastifyInstance, { directory, signIns, clock, confirmationCodes }: Pick<Services, 'directory' | 'signIns' | 'clock' | 'confirmationCodes'>) {
  const deps: CognitoApiDeps = {
    directory,
    signIns,
    clock,
    codes: confirmationCodes,
    srp: new SrpVerifiers(),
    challenges: new ChallengeSessions(clock),
    dates: new UserDates(clock),
  };
  const handlers = new Map<string, Handler>(Object.entries(operations).map(([name, make]) => [name, make(deps)]));

  // Every body is read as text and parsed here, so that bad JSON is Cognito's error, not the control API's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (_request, reply) => {
    reply
      .header('x-amzn-RequestId', randomUUID())
      .header('access-control-allow-origin', '*')
      .header('access-control-expose-headers', 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date');
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
    if (!handler) {
      throw new CognitoError('UnsupportedOperationException', `mock-idp does not support the Cognito operation ${name.slice(0, 80)} (supported: ${[...handlers.keys()].join(', ')})`);
    }
    const result = await handler(parseBody(request.body), { log: request.log });
    return reply.status(200).header('content-type', amzJson).send(Buffer.from(JSON.stringify(result)));
  });
}

function parseBody(raw: unknown): Record<string, unknown> {
  let body = raw;
  if (typeof raw === 'string') {
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
  else if (error instanceof MockIdpError && error.statusCode < 500) {
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
