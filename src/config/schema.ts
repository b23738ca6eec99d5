/**
 * JSON Schemas of the config file and the users file. Every object rejects
 * unknown keys, so a typo is an error that names the key rather than a setting
 * silently ignored.
 *
 * They are also the one place each setting is described: `npm run
 * generate:validators` writes the validators (validators.generated.ts) and
 * the TypeScript types (types.generated.ts) from them, a `description`
 * becoming the TSDoc of its member and a `title` the name of a type.
 */

const tokenLifetime = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max }) as const;

const stringArray = { type: 'array', items: { type: 'string' } } as const;

const tokenRules = {
  title: 'TokenGenerationRules',
  description: 'Claim changes for one token, as a pre-token-generation trigger (V2) returns them.',
  type: 'object',
  additionalProperties: false,
  properties: {
    claimsToAddOrOverride: { description: 'Claims added to the token, or replacing its own.', type: 'object' },
    claimsToSuppress: { description: 'Claims removed from the token.', ...stringArray },
  },
} as const;

export const claimRulesSchema = {
  title: 'ClaimRules',
  description: "Claim rules modelled on Cognito's pre-token-generation trigger V2 `claimsAndScopeOverrideDetails`. Set per pool and per client; the client's rules apply after the pool's.",
  type: 'object',
  additionalProperties: false,
  properties: {
    idTokenGeneration: tokenRules,
    accessTokenGeneration: {
      title: 'AccessTokenGenerationRules',
      description: 'Access-token changes; adds the scope edits V2 triggers may make.',
      type: 'object',
      additionalProperties: false,
      properties: {
        ...tokenRules.properties,
        scopesToAdd: { description: "Scopes added to the access token's `scope`.", ...stringArray },
        scopesToSuppress: { description: "Scopes removed from the access token's `scope`.", ...stringArray },
      },
    },
    groupOverrideDetails: {
      type: 'object',
      additionalProperties: false,
      properties: {
        groupsToOverride: { description: 'Replaces `cognito:groups` in both tokens; an empty list removes it.', ...stringArray },
        iamRolesToOverride: { description: 'Replaces `cognito:roles` in the ID token.', ...stringArray },
        preferredRole: { description: 'Replaces `cognito:preferred_role` in the ID token.', type: ['string', 'null'] },
      },
    },
  },
} as const;

/**
 * A hosted-UI callback or sign-out URL as Cognito accepts one: absolute, no
 * fragment, https, or http only for localhost / 127.0.0.1 / [::1], or an app
 * scheme such as `myapp://callback`.
 */
const redirectUrls = {
  type: 'array',
  items: {
    type: 'string',
    pattern: '^(?:https://[^#\\s]+|http://(?:localhost|127\\.0\\.0\\.1|\\[::1\\])(?::\\d+)?(?:[/?][^#\\s]*)?|(?![hH][tT][tT][pP][sS]?:)[a-zA-Z][a-zA-Z0-9+.-]*:[^#\\s]+)$',
  },
} as const;

const clientSchema = {
  title: 'ClientConfig',
  description: "An app client of a configured pool. Members left out get Cognito's defaults (see `clientFromConfig`).",
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: { description: "App client id in Cognito's form (26 chars of [0-9a-v]).", type: 'string', pattern: '^[\\w+]{1,128}$' },
    name: { description: 'A short name to select the client by (`--client spa`).', type: 'string', minLength: 1 },
    secret: { description: 'The client secret, or null for a public client.', type: ['string', 'null'] },
    allowedScopes: { description: 'OAuth scopes the client may be granted.', ...stringArray },
    // Cognito's ranges (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html).
    idTokenValiditySeconds: { description: 'Lifetime of the ID tokens (5 minutes to 1 day).', ...tokenLifetime(300, 86_400) },
    accessTokenValiditySeconds: { description: 'Lifetime of the access tokens (5 minutes to 1 day).', ...tokenLifetime(300, 86_400) },
    refreshTokenValiditySeconds: { description: 'Lifetime of the refresh tokens (1 hour to 10 years).', ...tokenLifetime(3600, 3650 * 86_400) },
    refreshTokenRotation: {
      description:
        "Cognito's `RefreshTokenRotation` Feature ENABLED: refreshes through GetTokensFromRefreshToken and /oauth2/token return a new refresh token (expiring when the one used would have) and the one used stops working after `refreshTokenRetryGracePeriodSeconds`; REFRESH_TOKEN_AUTH is refused. Default false.",
      type: 'boolean',
    },
    // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
    refreshTokenRetryGracePeriodSeconds: {
      description:
        "Cognito's `RefreshTokenRotation.RetryGracePeriodSeconds` (0 to 60): with rotation, how long a replaced refresh token keeps working, for client retries. Default 0 (refused at once).",
      type: 'integer',
      minimum: 0,
      maximum: 60,
    },
    claimRules: claimRulesSchema,
    callbackUrls: { description: "Hosted UI: the `redirect_uri` values `/oauth2/authorize` accepts (Cognito's CallbackURLs). Default none.", ...redirectUrls },
    logoutUrls: { description: "Hosted UI: the `logout_uri` values `/logout` accepts (Cognito's LogoutURLs). Default none.", ...redirectUrls },
  },
} as const;

/**
 * The forms of Cognito's issuers, from the API reference's IssuerConfigurationType
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_IssuerConfigurationType.html):
 * ORIGINAL `https://cognito-idp.[region].amazonaws.com/[userPoolId]`, UPDATED
 * `https://issuer-cognito-idp.[region].amazonaws.com/[userPoolId]`.
 */
const issuerStyleSchema = {
  title: 'IssuerStyle',
  description:
    "The issuers' form: `local` is `{publicUrl}/{poolId}`, `cognito` is Cognito's ORIGINAL `https://cognito-idp.{region}.amazonaws.com/{poolId}`, `cognito-updated` its UPDATED `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}`.",
  enum: ['local', 'cognito', 'cognito-updated'],
} as const;

/** A trigger function's ARN, as LambdaConfig takes it (ArnType in the API reference). */
const functionArn = {
  type: 'string',
  minLength: 20,
  maxLength: 2048,
  pattern: '^arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?$',
} as const;

/**
 * A configured pool's LambdaConfig, under Cognito's member names
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html).
 */
const lambdaConfigSchema = {
  title: 'PoolLambdaConfig',
  description: "The pool's trigger functions by trigger (Cognito's LambdaConfig). Each ARN must be mapped under `lambda.functions` or reach `lambda.endpoint`, else the server does not start.",
  type: 'object',
  additionalProperties: false,
  properties: {
    PreSignUp: { description: 'Runs before SignUp and AdminCreateUser create a user.', ...functionArn },
    PostConfirmation: { description: 'Runs when ConfirmSignUp, AdminConfirmSignUp or ConfirmForgotPassword confirms a user.', ...functionArn },
    PreAuthentication: { description: 'Runs before a sign-in checks the password.', ...functionArn },
    PostAuthentication: { description: 'Runs after a sign-in, before the tokens are returned.', ...functionArn },
    PreTokenGeneration: { description: 'Runs before tokens are minted (V1_0 event); `PreTokenGenerationConfig` chooses the version.', ...functionArn },
    PreTokenGenerationConfig: {
      type: 'object',
      additionalProperties: false,
      required: ['LambdaArn', 'LambdaVersion'],
      properties: {
        LambdaArn: { description: 'The pre-token-generation function (the same as `PreTokenGeneration`).', ...functionArn },
        LambdaVersion: { description: 'The event version sent: V1_0 (ID token), V2_0 (both tokens), V3_0 (also client-credentials tokens).', enum: ['V1_0', 'V2_0', 'V3_0'] },
      },
    },
    CustomMessage: { description: "Writes the messages that carry the pool's codes.", ...functionArn },
    UserMigration: { description: 'Brings in a user the pool does not have at sign-in or forgot-password.', ...functionArn },
    DefineAuthChallenge: { description: 'CUSTOM_AUTH: decides the next challenge.', ...functionArn },
    CreateAuthChallenge: { description: 'CUSTOM_AUTH: makes a challenge.', ...functionArn },
    VerifyAuthChallengeResponse: { description: "CUSTOM_AUTH: checks the user's answer.", ...functionArn },
  },
} as const;

/** Where the trigger functions run (src/triggers). */
const lambdaSchema = {
  title: 'TriggerFunctionsConfig',
  description: "Where the pools' trigger functions (LambdaConfig ARNs) run: in-process from a module, or through the Lambda Invoke API at an endpoint.",
  type: 'object',
  additionalProperties: false,
  properties: {
    endpoint: {
      description:
        'A Lambda-compatible endpoint (`sam local start-lambda`, LocalStack) that runs every ARN not mapped to a module, through the Lambda Invoke API. The environment variables AWS_ENDPOINT_URL_LAMBDA, then AWS_ENDPOINT_URL, set it too. Null: none.',
      anyOf: [{ type: 'null' }, { type: 'string', pattern: '^https?://' }],
    },
    timeoutSeconds: {
      description: "How long a function may run before the call fails as Cognito's does when a function times out (Cognito waits 5 seconds). Default 5.",
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 900,
    },
    functions: {
      description: 'Functions by ARN: a module to run in-process, or the name to invoke at the endpoint.',
      type: 'object',
      additionalProperties: {
        title: 'LambdaFunctionConfig',
        type: 'object',
        additionalProperties: false,
        properties: {
          module: {
            description: 'A JavaScript (.js, .mjs, .cjs) or TypeScript (.ts, .mts, .cts, through tsx) module that exports the handler, relative to the config file.',
            type: 'string',
            minLength: 1,
          },
          export: { description: "The handler's export name. Default `handler`.", type: 'string', minLength: 1 },
          functionName: { description: 'Invoke at `lambda.endpoint` under this name instead of the ARN (a `sam local` logical id).', type: 'string', minLength: 1 },
          timeoutSeconds: { description: "This function's timeout, over `lambda.timeoutSeconds`.", type: 'number', exclusiveMinimum: 0, maximum: 900 },
        },
      },
    },
  },
} as const;

const poolSchema = {
  title: 'PoolConfig',
  description: 'A configured user pool.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'clients'],
  properties: {
    // aws-jwt-verify's pool-id pattern, so CognitoJwtVerifier accepts every pool.
    id: {
      description: "Pool id in Cognito's form, `<region>_<name>`, e.g. `us-east-1_LocalPool`.",
      type: 'string',
      pattern: '^(?:(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\\d)_[a-zA-Z0-9]+$',
    },
    users: { description: 'Usernames from the users file, or "*" for every user the file puts in this pool (also when left out).', anyOf: [{ const: '*' }, stringArray] },
    clients: { description: "The pool's app clients.", type: 'array', minItems: 1, items: clientSchema },
    claimRules: claimRulesSchema,
    issuerStyle: { description: "This pool's issuer form, over the server's `issuerStyle` (Cognito's IssuerConfiguration). Default: the server's.", enum: issuerStyleSchema.enum },
    mfaConfiguration: {
      description:
        "The pool's MfaConfiguration: `OPTIONAL` asks users who turned on an MFA type for a code at sign-in, `ON` asks every user (sending a code to the email or phone number of users with none on, when `emailMfaConfiguration` or `smsMfaConfiguration` allows it; MFA_SETUP otherwise). Either turns on authenticator apps (SoftwareTokenMfaConfiguration) unless `softwareTokenMfaConfiguration` says otherwise. Default `OFF`.",
      enum: ['OFF', 'ON', 'OPTIONAL'],
    },
    softwareTokenMfaConfiguration: {
      description: "SetUserPoolMfaConfig's SoftwareTokenMfaConfiguration: whether users may use an authenticator app (TOTP). Default: `Enabled` when `mfaConfiguration` is `ON` or `OPTIONAL`.",
      type: 'object',
      additionalProperties: false,
      required: ['Enabled'],
      properties: { Enabled: { description: 'Users may set up and sign in with an authenticator app (TOTP). Default: true when `mfaConfiguration` is `ON` or `OPTIONAL`.', type: 'boolean' } },
    },
    smsMfaConfiguration: {
      description:
        "SetUserPoolMfaConfig's SmsMfaConfiguration: users may get MFA codes by SMS (read them at `GET /_mock/pools/{pool}/users/{username}/codes`; nothing is texted). `SmsConfiguration` (the SNS role Cognito would text with) is required, as Cognito requires one for SMS MFA; `SmsAuthenticationMessage` is stored, not used.",
      type: 'object',
      additionalProperties: false,
      required: ['SmsConfiguration'],
      properties: {
        SmsAuthenticationMessage: {
          description:
            'Giving `smsMfaConfiguration` lets users get MFA codes by SMS (listed at `GET /_mock/pools/{pool}/users/{username}/codes`; nothing is texted). This is its message template, stored, not used; must contain `{####}`.',
          type: 'string',
          minLength: 6,
          maxLength: 140,
          pattern: '\\{####\\}',
        },
        SmsConfiguration: {
          description: 'The SNS role Cognito would text with (SmsConfigurationType).',
          type: 'object',
          additionalProperties: false,
          required: ['SnsCallerArn'],
          properties: {
            SnsCallerArn: {
              description: 'The IAM role ARN Cognito would publish to SNS with. Required with `smsMfaConfiguration`, as Cognito requires an SmsConfiguration for SMS MFA.',
              type: 'string',
              minLength: 20,
              maxLength: 2048,
              pattern: '^arn:',
            },
            ExternalId: { description: 'The external id the role trusts.', type: 'string' },
            SnsRegion: { description: 'The AWS Region of the SNS service.', type: 'string' },
          },
        },
      },
    },
    emailMfaConfiguration: {
      description:
        "SetUserPoolMfaConfig's EmailMfaConfiguration: users may get MFA codes by email (read them at `GET /_mock/pools/{pool}/users/{username}/codes`; nothing is emailed). As Cognito, it needs `emailConfiguration` with `EmailSendingAccount: DEVELOPER`. `Message` and `Subject` are stored, not used.",
      type: 'object',
      additionalProperties: false,
      properties: {
        Message: {
          description:
            'Giving `emailMfaConfiguration` (even `{}`) lets users get MFA codes by email (listed at `GET /_mock/pools/{pool}/users/{username}/codes`; nothing is emailed); it needs `emailConfiguration.EmailSendingAccount` `DEVELOPER`. This is its body template, stored, not used; must contain `{####}`.',
          type: 'string',
          minLength: 6,
          maxLength: 20_000,
          pattern: '\\{####\\}',
        },
        Subject: { description: 'The email subject.', type: 'string', minLength: 1, maxLength: 140 },
      },
    },
    emailConfiguration: {
      description:
        "The pool's EmailConfiguration (CreateUserPool's): how Cognito would send the pool's email. Email MFA (`emailMfaConfiguration`) needs `EmailSendingAccount: DEVELOPER` (Amazon SES in your account) and a `SourceArn`. Stored and described; nothing is sent. Default: none (Cognito's default email).",
      type: 'object',
      additionalProperties: false,
      required: ['EmailSendingAccount'],
      properties: {
        EmailSendingAccount: {
          description:
            '`COGNITO_DEFAULT` (Cognito sends) or `DEVELOPER` (Amazon SES in your account, with `SourceArn`): email MFA needs `DEVELOPER`, as in Cognito. Stored and described by DescribeUserPool; nothing is sent.',
          enum: ['COGNITO_DEFAULT', 'DEVELOPER'],
        },
        SourceArn: { description: 'The SES identity ARN (required with DEVELOPER).', type: 'string', minLength: 20, maxLength: 2048, pattern: '^arn:' },
        From: { description: 'The sender address.', type: 'string' },
        ReplyToEmailAddress: { description: 'The reply-to address.', type: 'string' },
        ConfigurationSet: { description: 'The SES configuration set.', type: 'string', minLength: 1, maxLength: 64 },
      },
    },
    allowedFirstAuthFactors: {
      description:
        'The pool\'s Policies.SignInPolicy.AllowedFirstAuthFactors: what choice-based sign-in (`AuthFlow: USER_AUTH`) may start with. `EMAIL_OTP` lets users with a verified email sign in with an emailed code; `SMS_OTP` lets users with a verified phone number sign in with a texted code; `WEB_AUTHN` lets users with a passkey sign in with it (see `webAuthn`). Default `["PASSWORD"]`.',
      type: 'array',
      minItems: 1,
      maxItems: 4,
      items: { enum: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
    },
    webAuthn: {
      description: "Passkeys: the pool's WebAuthnConfiguration (SetUserPoolMfaConfig). They work when `allowedFirstAuthFactors` lists `WEB_AUTHN`.",
      type: 'object',
      additionalProperties: false,
      properties: {
        relyingPartyId: {
          description:
            "The relying party id passkeys are made for; pages on it (https) or on `http://localhost` when it is `localhost` may use them. Default: the pool's domain if it has one, else `localhost`.",
          type: 'string',
          minLength: 1,
          maxLength: 127,
        },
        userVerification: { description: 'Whether passkeys must verify the user (PIN, biometrics). Default `preferred`.', enum: ['required', 'preferred'] },
      },
    },
    lambdaConfig: lambdaConfigSchema,
  },
} as const;

const nullableSeconds = { anyOf: [{ type: 'null' }, { type: 'number', minimum: 0 }] } as const;

/** Schema of a config file. Everything is optional: a file overrides the defaults it names. */
export const configFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { description: 'The JSON Schema an editor checks the file against; the server ignores it.', type: 'string' },
    host: { description: 'The address to listen on (`0.0.0.0` in a container).', type: 'string', minLength: 1 },
    port: { description: 'The port to listen on; 0 picks a free one.', type: 'integer', minimum: 0, maximum: 65535 },
    publicUrl: {
      description: 'The origin other programs reach the server at; issuers and every printed URL derive from it. Null: the listen address.',
      anyOf: [{ type: 'null' }, { type: 'string', pattern: '^https?://[^/]+(/.*)?$' }],
    },
    // A host name, an IPv4 address or a bracketed IPv6 address, with or without a port, as in a Host header.
    allowedHosts: {
      description:
        "Host names (or `host:port`) the server answers to besides `localhost`, `127.0.0.1`, `[::1]`, the listen address and the public URL's host, e.g. a docker-compose service name. Any other Host header is refused (403) on the control API, the teaching page and the hosted UI, and on every surface when bound to loopback: a guard against DNS rebinding.",
      type: 'array',
      maxItems: 100,
      items: { type: 'string', maxLength: 261, pattern: '^(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?)(?::[0-9]{1,5})?$' },
    },
    issuerStyle: issuerStyleSchema,
    logLevel: {
      title: 'LogLevel',
      description: 'The least severe level logged; `silent` logs nothing.',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    },
    // A Bearer token's characters (RFC 6750 §2.1 b64token), so it fits in an Authorization header as given.
    adminToken: {
      description:
        'When set, every `/_mock/*` request must carry `Authorization: Bearer <adminToken>` (401 ADMIN_TOKEN_REQUIRED / ADMIN_TOKEN_INVALID otherwise). The emulated services (JWKS, discovery, OAuth2, Cognito JSON API, App Services) stay open, as the real ones are. Null: the control API is open to whoever reaches the port.',
      anyOf: [{ type: 'null' }, { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9._~+/-]+=*$' }],
    },
    bodyLimitBytes: { description: 'Largest request body accepted, in bytes.', type: 'integer', minimum: 1024 },
    requestTimeoutSeconds: {
      description: 'A request (headers and body) must arrive within this, else 408 and the connection is closed.',
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 3600,
    },
    headersTimeoutSeconds: {
      description: "A request's headers must arrive within this (at most `requestTimeoutSeconds`), else 408 and the connection is closed.",
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 3600,
    },
    maxConnections: {
      description: 'Connections open at once; past it, new connections are closed at once until others close.',
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
    },
    clock: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fixedTime: { description: "Freeze the server's time at this instant (ISO 8601 or epoch seconds).", type: ['string', 'number', 'null'] },
        toleranceSeconds: { description: 'Clock skew verifiers are assumed to allow; part of the default key overlap.', type: 'number', minimum: 0 },
      },
    },
    keys: {
      title: 'KeysConfig',
      type: 'object',
      additionalProperties: false,
      properties: {
        file: { description: 'Load keys from this file, or create and save them there; rotations are saved too.', type: ['string', 'null'] },
        seedFile: { description: 'Load the initial keys from this file but never write it (test-only fixtures).', type: ['string', 'null'] },
        rotateEverySeconds: { description: "Rotate every pool's keys on this period; null or 0 turns scheduled rotation off.", ...nullableSeconds },
        prePublishSeconds: { description: 'How long a new key is published in the JWKS before it signs.', type: 'number', minimum: 0 },
        overlapSeconds: {
          description: 'How long a replaced key stays published; null means the longest token lifetime plus the clock tolerance.',
          ...nullableSeconds,
        },
        jwksMaxAgeSeconds: { description: '`Cache-Control: max-age` on JWKS responses.', type: 'integer', minimum: 0 },
        reservoir: {
          description:
            '`mock-idp serve` takes the fresh keys a start needs from a per-machine reservoir of test-only keys made ahead of need (each handed out once, then refilled in the background), instead of making them while the first client waits. false: always make them at start.',
          type: 'boolean',
        },
        reservoirSize: {
          description: 'Keys the reservoir holds when full (refilled up to this after a start that took some).',
          type: 'integer',
          minimum: 1,
          maximum: 64,
        },
        reservoirDir: {
          description: "The reservoir's folder; null means `$XDG_CACHE_HOME/mock-idp/keys`, else `~/.cache/mock-idp/keys`.",
          type: ['string', 'null'],
        },
        retiredKeysKept: {
          description: 'Retired keys remembered per pool and token use (to mint `signed-by-retired-key`).',
          type: 'integer',
          minimum: 0,
          maximum: 100,
        },
        maxRetiringKeys: {
          description:
            'Replaced keys still published (retiring) per pool and token use, at most; a rotation that would keep more retires the oldest early. Bounds the JWKS and the keys file under fast rotation.',
          type: 'integer',
          minimum: 1,
          maximum: 100,
        },
        retiredGraceSeconds: {
          description: 'A retired key leaves the keys file this long after it left the JWKS (and sooner when `retiredKeysKept` pushes it out); null: only then.',
          ...nullableSeconds,
        },
      },
    },
    appServices: {
      title: 'AppServicesConfig',
      type: 'object',
      additionalProperties: false,
      properties: {
        appsDir: {
          description: 'Folder of App Services app exports (one subfolder per app), relative to the config file that names it.',
          type: 'string',
          minLength: 1,
        },
        store: {
          title: 'AppServicesStoreMode',
          description: '`embedded` (mongodb-memory-server, falling back to memory), `mongodb` (at mongodbUri) or `memory`.',
          enum: ['embedded', 'mongodb', 'memory'],
        },
        mongodbUri: {
          description: 'A MongoDB connection string; setting it selects the `mongodb` store unless `store` says otherwise.',
          anyOf: [{ type: 'null' }, { type: 'string', pattern: '^mongodb(\\+srv)?://' }],
        },
        // App Services' range: 30 minutes to 5 years.
        refreshTokenLifetimeSeconds: {
          description: "Session (refresh token) lifetime; App Services' default is 60 days.",
          type: 'integer',
          minimum: 1800,
          maximum: 5 * 365 * 86_400,
        },
      },
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { description: 'Serve HTTPS with a certificate from a local CA (made on first use).', type: 'boolean' },
        dir: { description: 'Where the CA and server certificate are written and reused (relative to the working directory).', type: 'string', minLength: 1 },
      },
    },
    usersFile: { description: 'The users file (JSON), relative to the config file that names it.', type: 'string', minLength: 1 },
    stateDir: {
      description:
        'Keep pools, clients, users, groups, domains, resource servers, identity providers, sign-ins and keys in this folder, so a restart keeps them (and the tokens and refresh tokens issued before it). Each change is answered once saved. Null: state lives in memory.',
      anyOf: [{ type: 'null' }, { type: 'string', minLength: 1 }],
    },
    defaultPool: { description: 'The pool used when a request names none.', type: 'string' },
    lambda: lambdaSchema,
    pools: { description: 'The user pools; a config file that has `pools` replaces the default pools whole.', type: 'array', minItems: 1, items: poolSchema },
  },
} as const;

export const usersFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  properties: {
    generatedBy: { description: 'How the file was made (`npm run fixtures`, seed).', type: 'string' },
    users: {
      type: 'array',
      items: {
        title: 'UsersFileUser',
        description: "One user as the users file holds it. Attribute values are strings, as Cognito's user APIs give them.",
        type: 'object',
        additionalProperties: false,
        required: ['username', 'pool', 'sub', 'password', 'attributes'],
        properties: {
          username: { description: 'The username, unique in its pool.', type: 'string', minLength: 1, maxLength: 128 },
          pool: { description: 'The pool the user belongs to.', type: 'string' },
          sub: { description: "The user's stable id, the tokens' `sub`.", type: 'string', minLength: 1 },
          password: { description: 'Plain text: fixture users exist for tests.', type: 'string' },
          enabled: { description: 'False: sign-in is refused, as for a disabled Cognito user.', type: 'boolean', default: true },
          status: {
            description: "Cognito's user status; an UNCONFIRMED user signs in after ConfirmSignUp, a FORCE_CHANGE_PASSWORD one is asked for a new password.",
            enum: ['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD'],
            default: 'CONFIRMED',
          },
          attributes: { description: 'Cognito user attributes by name (`email`, `custom:tenant`).', type: 'object', additionalProperties: { type: 'string' } },
          groups: { description: "The user's groups: each becomes a group of the pool, and the tokens' `cognito:groups`.", ...stringArray, default: [] },
        },
      },
    },
  },
} as const;
