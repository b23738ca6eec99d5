import type { MockIdpConfig } from './types.js';

/**
 * Every setting's default, in one object. The default pools, clients and users
 * are not here: they come from `fixtures/config.json` and `fixtures/users.json`,
 * which the loader reads unless a config file brings its own `pools`.
 */
export const defaults: Omit<MockIdpConfig, 'pools' | 'defaultPool' | 'usersFile' | 'appServices'> & { appServices: Omit<MockIdpConfig['appServices'], 'appsDir'> } = {
  host: '127.0.0.1',
  port: 4455,
  publicUrl: null,
  allowedHosts: [],
  issuerStyle: 'local',
  logLevel: 'info',
  adminToken: null,
  stateDir: null,
  bodyLimitBytes: 64 * 1024,
  requestTimeoutSeconds: 30,
  headersTimeoutSeconds: 10,
  maxConnections: 256,
  clock: { fixedTime: null, toleranceSeconds: 60 },
  keys: {
    file: null,
    seedFile: null,
    rotateEverySeconds: null,
    prePublishSeconds: 0,
    overlapSeconds: null,
    jwksMaxAgeSeconds: 300,
    reservoir: true,
    reservoirSize: 8,
    reservoirDir: null,
    retiredKeysKept: 5,
    maxRetiringKeys: 5,
    retiredGraceSeconds: 86_400,
  },
  tls: { enabled: false, dir: 'mock-idp-tls' },
  lambda: { endpoint: null, timeoutSeconds: 5, functions: {} },
  appServices: {
    store: 'embedded',
    mongodbUri: null,
    refreshTokenLifetimeSeconds: 60 * 86_400,
  },
};

/** Cognito's default token lifetimes (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html). */
export const cognitoTokenDefaults = {
  idTokenValiditySeconds: 3600,
  accessTokenValiditySeconds: 3600,
  refreshTokenValiditySeconds: 30 * 24 * 3600,
} as const;
