/**
 * The OAuth2 error codes of Cognito's hosted-UI endpoints (the developer guide's
 * page on each, such as https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html),
 * with the HTTP status each answers by default. The OAuth2 plugin renders
 * them as `{"error", "error_description"}`, as a redirect to the client
 * (`?error=…`), or as a page, depending on the endpoint.
 */
export const oauthErrorCodes = {
  invalid_request: 400,
  /** 400 at /oauth2/token (Cognito's docs), 401 at /oauth2/revoke. */
  invalid_client: 400,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  unsupported_token_type: 400,
  invalid_scope: 400,
  /** userInfo: a missing, expired, revoked or insufficient access token. */
  invalid_token: 401,
  /** Hosted UI page: a redirect_uri or logout_uri the client has not registered. */
  redirect_mismatch: 400,
  server_error: 500,
} as const satisfies Record<string, number>;

export type OAuthErrorCode = keyof typeof oauthErrorCodes;

/**
 * An OAuth2 error with a stable code; `status` overrides the code's default
 * (invalid_client is 401 at the revocation endpoint).
 *
 * @example
 * throw new OAuthError('invalid_grant', 'Authorization code has been used or has expired');
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  readonly code: OAuthErrorCode;
  readonly statusCode: number;

  constructor(code: OAuthErrorCode, description: string, options: { status?: number } = {}) {
    super(description);
    this.code = code;
    this.statusCode = options.status ?? oauthErrorCodes[code];
  }
}
