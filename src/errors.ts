/**
 * Every error code mock-idp's own surfaces (control API, CLI, library) can
 * produce, with its HTTP status, in one place. `npm run docs` lists them in
 * docs/reference/errors.md; tests assert on codes, never on message text.
 *
 * Errors of the emulated services (Cognito's `__type`, OAuth2's `error`, App
 * Services' `error_code`) are rendered by those surfaces in their own formats.
 */

export const errorCodes = {
  BAD_REQUEST: { status: 400, summary: 'The request does not have the shape this endpoint takes; the message names the field.' },
  INVALID_JSON: { status: 400, summary: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'The request body has a content type this endpoint does not take; on the control API, a change sent without `Content-Type: application/json`.' },
  BODY_TOO_LARGE: { status: 413, summary: 'The request body is larger than the limit (`bodyLimitBytes`).' },
  ADMIN_TOKEN_REQUIRED: { status: 401, summary: 'The server has an admin token: send it as `Authorization: Bearer <token>` to use the control API.' },
  ADMIN_TOKEN_INVALID: { status: 401, summary: "The Bearer token sent to the control API is not the server's admin token." },
  HOST_NOT_ALLOWED: {
    status: 403,
    summary: "The Host header names none of the server's names (localhost, 127.0.0.1, [::1], the listen address, the public URL's host, `allowedHosts`): a DNS-rebinding guard.",
  },
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
  INVALID_CONFIG: { status: 400, summary: 'The configuration is invalid; the message names the key (the CLI exits with 1).' },
  INVALID_KEYS_FILE: {
    status: 400,
    summary:
      "The keys file cannot be read as a mock-idp key ring, or one of its keys cannot sign RS256 (not RSA, under 2048 bits, another `alg`, a public key); the message names the key's index and the reason, and for a JSON error only its line and column, never the file's text.",
  },
  KEYS_NOT_SAVED: {
    status: 500,
    summary:
      'The keys file could not be written: no token is minted and no rotation, retirement or reset is answered with a key a restart would lose, until a write succeeds (at start: the server does not start).',
  },
  STATE_NOT_SAVED: {
    status: 500,
    summary:
      'The change could not be written to the state dir; it was undone (the message says why: a full disk, a folder that is not writable). The Cognito API answers `InternalErrorException` with this message; at start, the server does not start.',
  },
  INVALID_STATE_FILE: { status: 400, summary: "The state dir's `state.json` cannot be read as mock-idp state (the message never quotes it); move it away to start from the configuration." },
  STORE_UNAVAILABLE: { status: 503, summary: 'The MongoDB for App Services could not be reached after every retry (the CLI exits with 1).' },
  SERVER_UNREACHABLE: { status: 502, summary: 'The CLI could not reach the server at --url.' },
  OPTIONAL_PACKAGE_MISSING: {
    status: 500,
    summary:
      'A feature needs an optional dependency that is not installed (`--tls`: `@peculiar/x509` and `reflect-metadata`, left out by `npm install --omit=optional`); the message says what to install (the CLI exits with 1).',
  },
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
