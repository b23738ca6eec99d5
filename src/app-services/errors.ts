/**
 * App Services' error codes (the `error_code` of its error bodies) that the
 * emulator answers with, and their HTTP status. realm-web retries after a
 * refresh only on 401 with `InvalidSession`, so the statuses matter.
 */
export const appServicesErrorCodes = {
  AuthError: { status: 401, summary: 'The custom JWT was refused: signature, expiry, audience, required metadata.' },
  InvalidSession: { status: 401, summary: 'The access or refresh token is missing, invalid, expired or revoked.' },
  UserDisabled: { status: 401, summary: 'The user is disabled.' },
  AuthProviderNotFound: { status: 404, summary: 'The app has no enabled custom-token provider.' },
  AppNotFound: { status: 404, summary: 'No app has this id.' },
  InvalidParameter: { status: 400, summary: 'The request body is not what the endpoint takes.' },
  NotFound: { status: 404, summary: 'No such route.' },
  InternalServerError: { status: 500, summary: 'A bug in mock-idp.' },
} as const;

export type AppServicesErrorCode = keyof typeof appServicesErrorCodes;

/** An error of the App Services surface, rendered as `{error, error_code, link}`. */
export class AppServicesError extends Error {
  override readonly name = 'AppServicesError';
  readonly code: AppServicesErrorCode;
  readonly statusCode: number;

  constructor(code: AppServicesErrorCode, message: string) {
    super(message);
    this.code = code;
    this.statusCode = appServicesErrorCodes[code].status;
  }
}
