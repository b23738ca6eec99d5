/**
 * Every error code mock-idp's own surfaces (control API, CLI, library) can
 * produce, with its HTTP status, in one place. The README's error table lists
 * the same codes; tests assert on codes, never on message text.
 *
 * Errors of the emulated services (Cognito's `__type`, OAuth2's `error`, App
 * Services' `error_code`) are rendered by those surfaces in their own formats.
 */

export const errorCodes = {
  BAD_REQUEST: { status: 400, summary: 'The request does not have the shape this endpoint takes.' },
  INVALID_JSON: { status: 400, summary: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'The request body has a content type this endpoint does not take.' },
  BODY_TOO_LARGE: { status: 413, summary: 'The request body is larger than the limit.' },
  ADMIN_TOKEN_REQUIRED: { status: 401, summary: 'The server has an admin token: send it as `Authorization: Bearer <token>` to use the control API.' },
  ADMIN_TOKEN_INVALID: { status: 401, summary: 'The Bearer token sent to the control API is not the server\'s admin token.' },
  HOST_NOT_ALLOWED: { status: 403, summary: 'The Host header names none of the server\'s names (listen address, public URL, localhost, `allowedHosts`): a DNS-rebinding guard.' },
  NOT_FOUND: { status: 404, summary: 'No such route.' },
  UNKNOWN_POOL: { status: 404, summary: 'No user pool has this id.' },
  UNKNOWN_CLIENT: { status: 404, summary: 'The pool has no app client with this id or name.' },
  UNKNOWN_USER: { status: 404, summary: 'The pool has no user with this username, email or sub.' },
  UNKNOWN_SCENARIO: { status: 404, summary: 'No scenario has this name (see GET /_mock/scenarios).' },
  UNKNOWN_KEY: { status: 404, summary: 'No key in the key ring has this kid.' },
  UNKNOWN_APP: { status: 404, summary: 'No App Services app has this id (see GET /_mock/app-services/apps).' },
  UNKNOWN_APP_USER: { status: 404, summary: 'The App Services app has no user with this id.' },
  KEY_ALREADY_RETIRED: { status: 409, summary: 'The key is already retired.' },
  SCENARIO_PRECONDITION: { status: 409, summary: 'The key ring is not in the state this scenario needs (for example, no retiring key yet).' },
  INVALID_CONFIG: { status: 400, summary: 'The configuration is invalid; the message names the key.' },
  INVALID_KEYS_FILE: { status: 400, summary: 'The keys file cannot be read as a mock-idp key ring.' },
  KEYS_NOT_SAVED: { status: 500, summary: 'The keys file could not be written: the new key is not used (no token minted, no rotation answered) until a write succeeds.' },
  STATE_NOT_SAVED: { status: 500, summary: 'The change could not be written to the state dir; it was undone (the message says why: a full disk, a folder that is not writable).' },
  INVALID_STATE_FILE: { status: 400, summary: 'The state file in the state dir cannot be read as mock-idp state.' },
  STORE_UNAVAILABLE: { status: 503, summary: 'The MongoDB for App Services could not be reached after every retry.' },
  SERVER_UNREACHABLE: { status: 502, summary: 'The CLI could not reach the server at --url.' },
  INTERNAL: { status: 500, summary: 'A bug in mock-idp; please report it with the log line.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof errorCodes;

/**
 * The one error class of mock-idp's own surfaces.
 *
 * @example
 * throw new MockIdpError('UNKNOWN_USER', `pool us-east-1_LocalPool has no user "carol"`);
 */
export class MockIdpError extends Error {
  override readonly name: string = 'MockIdpError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.statusCode = errorCodes[code].status;
    this.details = details;
  }
}

/** The control API's error body: Fastify's own error shape, with our code. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}
