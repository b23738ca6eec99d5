/**
 * JSON Schemas of the config file and the users file. Every object rejects
 * unknown keys, so a typo is an error that names the key rather than a setting
 * silently ignored.
 */

const tokenLifetime = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max }) as const;

const stringArray = { type: 'array', items: { type: 'string' } } as const;

const tokenRules = {
  type: 'object',
  additionalProperties: false,
  properties: {
    claimsToAddOrOverride: { type: 'object' },
    claimsToSuppress: stringArray,
  },
} as const;

export const claimRulesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    idTokenGeneration: tokenRules,
    accessTokenGeneration: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...tokenRules.properties,
        scopesToAdd: stringArray,
        scopesToSuppress: stringArray,
      },
    },
    groupOverrideDetails: {
      type: 'object',
      additionalProperties: false,
      properties: {
        groupsToOverride: stringArray,
        iamRolesToOverride: stringArray,
        preferredRole: { type: ['string', 'null'] },
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
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: { type: 'string', pattern: '^[\\w+]{1,128}$' },
    name: { type: 'string', minLength: 1 },
    secret: { type: ['string', 'null'] },
    allowedScopes: stringArray,
    // Cognito's ranges (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html).
    idTokenValiditySeconds: tokenLifetime(300, 86_400),
    accessTokenValiditySeconds: tokenLifetime(300, 86_400),
    refreshTokenValiditySeconds: tokenLifetime(3600, 3650 * 86_400),
    refreshTokenRotation: { type: 'boolean' },
    claimRules: claimRulesSchema,
    callbackUrls: redirectUrls,
    logoutUrls: redirectUrls,
  },
} as const;

const poolSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'clients'],
  properties: {
    // aws-jwt-verify's pool-id pattern, so CognitoJwtVerifier accepts every pool.
    id: { type: 'string', pattern: '^(?:(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\\d)_[a-zA-Z0-9]+$' },
    users: { anyOf: [{ const: '*' }, stringArray] },
    clients: { type: 'array', minItems: 1, items: clientSchema },
    claimRules: claimRulesSchema,
  },
} as const;

const nullableSeconds = { anyOf: [{ type: 'null' }, { type: 'number', minimum: 0 }] } as const;

/** Schema of a config file. Everything is optional: a file overrides the defaults it names. */
export const configFileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    publicUrl: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^https?://[^/]+(/.*)?$' }] },
    // A host name, an IPv4 address or a bracketed IPv6 address, with or without a port, as in a Host header.
    allowedHosts: {
      type: 'array',
      maxItems: 100,
      items: { type: 'string', maxLength: 261, pattern: '^(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?)(?::[0-9]{1,5})?$' },
    },
    issuerStyle: { enum: ['local', 'cognito'] },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    // A Bearer token's characters (RFC 6750 §2.1 b64token), so it fits in an Authorization header as given.
    adminToken: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9._~+/-]+=*$' }] },
    bodyLimitBytes: { type: 'integer', minimum: 1024 },
    requestTimeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
    headersTimeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
    maxConnections: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    clock: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fixedTime: { type: ['string', 'number', 'null'] },
        toleranceSeconds: { type: 'number', minimum: 0 },
      },
    },
    keys: {
      type: 'object',
      additionalProperties: false,
      properties: {
        file: { type: ['string', 'null'] },
        seedFile: { type: ['string', 'null'] },
        rotateEverySeconds: nullableSeconds,
        prePublishSeconds: { type: 'number', minimum: 0 },
        overlapSeconds: nullableSeconds,
        jwksMaxAgeSeconds: { type: 'integer', minimum: 0 },
        retiredKeysKept: { type: 'integer', minimum: 0, maximum: 100 },
        maxRetiringKeys: { type: 'integer', minimum: 1, maximum: 100 },
        retiredGraceSeconds: nullableSeconds,
      },
    },
    appServices: {
      type: 'object',
      additionalProperties: false,
      properties: {
        appsDir: { type: 'string', minLength: 1 },
        store: { enum: ['embedded', 'mongodb', 'memory'] },
        mongodbUri: { anyOf: [{ type: 'null' }, { type: 'string', pattern: '^mongodb(\\+srv)?://' }] },
        // App Services' range: 30 minutes to 5 years.
        refreshTokenLifetimeSeconds: { type: 'integer', minimum: 1800, maximum: 5 * 365 * 86_400 },
      },
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, dir: { type: 'string', minLength: 1 } },
    },
    usersFile: { type: 'string', minLength: 1 },
    stateDir: { anyOf: [{ type: 'null' }, { type: 'string', minLength: 1 }] },
    defaultPool: { type: 'string' },
    pools: { type: 'array', minItems: 1, items: poolSchema },
  },
} as const;

export const usersFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  properties: {
    generatedBy: { type: 'string' },
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['username', 'pool', 'sub', 'password', 'attributes'],
        properties: {
          username: { type: 'string', minLength: 1, maxLength: 128 },
          pool: { type: 'string' },
          sub: { type: 'string', minLength: 1 },
          password: { type: 'string' },
          enabled: { type: 'boolean', default: true },
          status: { enum: ['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD'], default: 'CONFIRMED' },
          attributes: { type: 'object', additionalProperties: { type: 'string' } },
          groups: { ...stringArray, default: [] },
        },
      },
    },
  },
} as const;
