import { randomBytes } from 'node:crypto';
import { loadApps } from './app-services/apps.js';
import { AppServices } from './app-services/service.js';
import { OpeningStore } from './app-services/store/opening-store.js';
import type { Store } from './app-services/store/types.js';
import { ServerClock, systemClock, toEpochMs, type Clock } from './clock.js';
import { AuthorizationCodes } from './cognito/authorization-codes.js';
import { ChallengeSessions } from './cognito/challenge-sessions.js';
import { HostedUiSessions } from './cognito/hosted-ui-sessions.js';
import { poolIssuerStyle } from './cognito/issuer-configuration.js';
import { ConfirmationCodes } from './cognito/confirmation-codes.js';
import { SignIns } from './cognito/sign-ins.js';
import { SrpVerifiers } from './cognito/srp.js';
import { UserDates } from './cognito/user-dates.js';
import { ResetRegistry } from './runtime/reset-registry.js';
import { restorePools, StateDir } from './state/state-dir.js';
import { readStateFile, stateFileName } from './state/state-file.js';
import { memoryOnly, type StateSaver } from './state/state-saver.js';
import { join } from 'node:path';
import type { LoadedConfig } from './config/load-config.js';
import type { MockIdpConfig } from './config/types.js';
import { Directory } from './directory/directory.js';
import { MockIdpError } from './errors.js';
import { FaultInjector } from './faults/fault-injector.js';
import { rsaKeyFactory, type KeyFactory } from './keys/key-factory.js';
import { KeysFileWriter, readKeysFile } from './keys/key-file.js';
import { KeyRing } from './keys/key-ring.js';
import { RotationSchedule } from './keys/rotation-schedule.js';
import { TokenMinter } from './tokens/minter.js';
import { FunctionRunner } from './triggers/function-runner.js';
import { TriggerJournal } from './triggers/trigger-journal.js';
import { preTokenGeneration } from './triggers/pre-token-trigger.js';
import { Triggers } from './triggers/triggers.js';
import { CachingVerifiers } from './verify-report/caching-verifiers.js';
import { PublicUrls } from './urls.js';

/** What the routes share. Each route plugin takes only the parts it needs. */
export interface Services {
  config: MockIdpConfig;
  clock: ServerClock;
  directory: Directory;
  keyRing: KeyRing;
  minter: TokenMinter;
  urls: PublicUrls;
  /** Present when `keys.rotateEverySeconds` is set. */
  schedule: RotationSchedule | null;
  /** Present when `keys.file` is set. */
  keysFile: KeysFileWriter | null;
  /** Faults injected into public endpoints (`/_mock/faults`); none at start. */
  faults: FaultInjector;
  /** Cognito sign-ins: tokens, refresh, revocation, access-token checks (JSON API, OAuth2). */
  signIns: SignIns;
  /** Codes the Cognito JSON API "sent" (SignUp, UpdateUserAttributes, ForgotPassword), readable through the control API. */
  confirmationCodes: ConfirmationCodes;
  /** Hosted UI: authorization codes (single use, 5 minutes). */
  authorizationCodes: AuthorizationCodes;
  /** Hosted UI: signed-in browser sessions behind the session cookie (1 hour). */
  hostedUiSessions: HostedUiSessions;
  /** Cognito's challenge sessions (the SRP `SECRET_BLOCK`, the NEW_PASSWORD_REQUIRED `Session`). */
  challenges: ChallengeSessions;
  /** Cognito's SRP salts and verifiers, per user. */
  srpVerifiers: SrpVerifiers;
  /** Every stateful service's reset, which `POST /_mock/reset` runs. */
  resets: ResetRegistry;
  /** The App Services client API's logic. */
  appServices: AppServices;
  /** Where pools, users and sign-ins are saved after each change (`--state-dir`); saves nothing without one. */
  state: StateSaver;
  /** Users' creation and modification dates (the users file does not hold them). */
  userDates: UserDates;
  /** The App Services store (MongoDB or memory). */
  store: Store;
  /**
   * Resolves when every pool has its signing keys, the keys file (if any) is
   * written and the App Services store is open; rejects when one of them
   * fails. {@link startServices} returns before; {@link createServices} after.
   */
  ready: Promise<void>;
  /** How the server fetches its own URLs (with `--tls`, one that trusts the local CA); undefined: the global fetch. */
  selfFetch: typeof fetch | undefined;
  /** The pools' trigger functions (LambdaConfig), where they run, and the journal of their invocations. */
  triggers: Triggers;
  /** `POST /_mock/verify`'s caching verifiers (`"cache": "shared"`): one JWKS cache per JWKS URI, on the server's clock. */
  cachingVerifiers: CachingVerifiers;
}

export interface ServiceDeps {
  /** The base clock; the server's clock shifts and freezes on top of it. Default: the system clock. */
  clock?: Clock;
  keyFactory?: KeyFactory;
  /** Where background problems (a keys file that cannot be written) are reported. */
  onError?: (error: Error, what: string) => void;
  onRotate?: () => void;
  /** Where start-up news goes (which store is used and why). Default: a fallback to the memory store is one Node process warning (see `openStore`). */
  log?: ((level: 'info' | 'warn', message: string) => void) | undefined;
  /** How the server fetches its own URLs (with `--tls`, one that trusts the local CA). */
  selfFetch?: typeof fetch | undefined;
  /** The App Services store starts opening once this settles (the server passes "listening", so the probe never delays the JWKS). Default: at once. */
  storeOpensAfter?: Promise<unknown> | undefined;
}

/**
 * The composition root: builds every service from a loaded config, and
 * resolves once they are all ready (keys generated, store open).
 *
 * @example
 * const services = await createServices(await loadConfig());
 */
export async function createServices(loaded: LoadedConfig, deps: ServiceDeps = {}): Promise<Services> {
  const services = await startServices(loaded, deps);
  try {
    await services.ready;
  } catch (error) {
    await services.store.close().catch(() => undefined);
    throw error;
  }
  return services;
}

/**
 * Builds every service and returns before the slow parts are done, so a server
 * can load and listen meanwhile: missing RSA keys are generated off the event
 * loop and the App Services store opens (probing for a mongod, loading the
 * MongoDB driver) beside them. `services.ready` says when both are done; the
 * app holds requests until then (and each JWKS until its pool has keys).
 */
export async function startServices({ config, users, awsCredentials }: LoadedConfig, deps: ServiceDeps = {}): Promise<Services> {
  const onError = deps.onError ?? (() => {});
  let fixedMs: number | null = null;
  if (config.clock.fixedTime !== null) {
    try {
      fixedMs = toEpochMs(config.clock.fixedTime);
    } catch (error) {
      throw new MockIdpError('INVALID_CONFIG', `clock.fixedTime: ${(error as Error).message}`);
    }
  }
  const clock = new ServerClock(deps.clock ?? systemClock, fixedMs);
  const directory = new Directory(config, users, clock.now());
  // A state dir's pools come back before the key ring starts, so their saved keys are kept.
  const statePath = config.stateDir ? join(config.stateDir, stateFileName) : null;
  const savedState = statePath ? await readStateFile(statePath) : null;
  if (savedState)
    restorePools(
      directory,
      savedState,
      config.pools.map((p) => p.id),
    );
  const urls = new PublicUrls(config);
  urls.usePoolStyles((id) => {
    const pool = directory.findPool(id);
    return pool && poolIssuerStyle(pool);
  });
  const factory = deps.keyFactory ?? rsaKeyFactory;

  const stored = config.keys.file ? await readKeysFile(config.keys.file) : null;
  const seeded = !stored && config.keys.seedFile ? await readKeysFile(config.keys.seedFile) : null;
  if (config.keys.seedFile && seeded === null && !stored) {
    throw new MockIdpError('INVALID_KEYS_FILE', `keys.seedFile ${config.keys.seedFile} does not exist`);
  }
  const apps = await loadApps(config.appServices.appsDir);

  const keyRing = KeyRing.start(
    directory.pools().map((p) => p.id),
    {
      clock,
      factory,
      overlapSeconds: (pool) => config.keys.overlapSeconds ?? directory.longestTokenLifetimeSeconds(pool) + config.clock.toleranceSeconds,
      prePublishSeconds: config.keys.prePublishSeconds,
      retiredKeysKept: config.keys.retiredKeysKept,
      maxRetiringKeys: config.keys.maxRetiringKeys,
      retiredGraceSeconds: config.keys.retiredGraceSeconds,
    },
    stored ?? seeded ?? [],
  );

  let keysFile: KeysFileWriter | null = null;
  if (config.keys.file) {
    keysFile = new KeysFileWriter(
      config.keys.file,
      () => keyRing.entries(),
      (error) => onError(error, 'writing the keys file'),
    );
  }
  const keysReady = keyRing.ready.then(async () => {
    if (!keysFile) return;
    keyRing.onChange(() => keysFile.schedule());
    keysFile.schedule();
    await keysFile.flush();
  });

  const period = config.keys.rotateEverySeconds;
  const schedule = period ? new RotationSchedule(keyRing, clock, period, (error) => (error ? onError(error, 'rotating keys') : deps.onRotate?.())) : null;
  if (schedule) clock.onChange(() => void schedule.tick());

  const minter = new TokenMinter({ clock, keyRing, directory, urls, factory, keysSaved: keysFile ? () => keysFile.flush() : undefined });

  // The store module (and with it the MongoDB driver and mongodb-memory-server) loads only now, beside key generation.
  const gate = (deps.storeOpensAfter ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
  const store = new OpeningStore(
    gate.then(() => import('./app-services/store/open-store.js')).then(({ openStore }) => openStore({ mongodbUri: config.appServices.mongodbUri, mode: config.appServices.store, log: deps.log })),
  );
  const sessionSecret = store.secret('app-services-session-tokens', () => randomBytes(32).toString('base64url'));
  const appServices = new AppServices({
    apps,
    store,
    clock,
    urls,
    sessionSecret,
    refreshTokenLifetimeSeconds: config.appServices.refreshTokenLifetimeSeconds,
    fetch: deps.selfFetch,
  });
  const triggerJournal = new TriggerJournal();
  const triggers = new Triggers({ runner: new FunctionRunner(config.lambda, awsCredentials), journal: triggerJournal, clock });
  const signIns = new SignIns({ minter, directory, clock, urls, keyRing, preTokenGeneration: preTokenGeneration(triggers) });
  const authorizationCodes = new AuthorizationCodes({ clock });
  const hostedUiSessions = new HostedUiSessions({ clock });
  const userDates = new UserDates(clock);
  const faults = new FaultInjector();
  const confirmationCodes = new ConfirmationCodes(clock);
  const challenges = new ChallengeSessions(clock);
  const srpVerifiers = new SrpVerifiers();
  const state = config.stateDir
    ? await StateDir.open(config.stateDir, { directory, dates: userDates, signIns, refreshTokens: minter.refreshTokens, configuredPools: config.pools.map((p) => p.id) }, savedState)
    : memoryOnly;
  const ready = Promise.all([keysReady, sessionSecret]).then(() => undefined);
  ready.catch(() => {});

  // POST /_mock/reset runs these in this order: every service that holds state registers here.
  const resets = new ResetRegistry();
  resets.add('clock', clock, () => void clock.apply({ reset: true }));
  resets.add('faults', faults, () => faults.clear());
  resets.add('pools', directory, async () => {
    // Pools, clients, groups and users made or changed at run time (CreateUserPool, SignUp…) are forgotten.
    const created = directory
      .pools()
      .filter((p) => p.origin === 'api')
      .map((p) => p.id);
    directory.resetPools(clock.now());
    for (const id of created) keyRing.removePool(id);
    // A configured pool deleted with DeleteUserPool is back: it gets new keys before the answer.
    await Promise.all(
      directory
        .pools()
        .filter((p) => !keyRing.pools.includes(p.id))
        .map((p) => keyRing.addPool(p.id)),
    );
  });
  resets.add('user dates', userDates, () => userDates.reset());
  resets.add('sign-ins', signIns, () => signIns.reset());
  resets.add('confirmation codes', confirmationCodes, () => confirmationCodes.clear());
  resets.add('authorization codes', authorizationCodes, () => authorizationCodes.clear());
  resets.add('hosted UI sessions', hostedUiSessions, () => hostedUiSessions.clear());
  resets.add('challenge sessions', challenges, () => challenges.reset());
  resets.add('SRP verifiers', srpVerifiers, () => srpVerifiers.reset());
  resets.add('trigger journal', triggerJournal, () => triggerJournal.clear());
  resets.add('keys', keyRing, async ({ keys }) => {
    if (!keys) return;
    await keyRing.regenerate();
    // A new key ring answered is a key ring saved: a crash after this answer does not bring the old keys back.
    await keysFile?.flush();
  });
  resets.add('App Services store', store, async ({ appServices }) => {
    if (appServices) await store.clear();
  });
  const cachingVerifiers = new CachingVerifiers({ now: () => clock.now(), fetch: deps.selfFetch });
  resets.add('caching verifiers', cachingVerifiers, () => cachingVerifiers.clear());
  return {
    config,
    clock,
    directory,
    keyRing,
    minter,
    urls,
    schedule,
    keysFile,
    faults,
    appServices,
    store,
    ready,
    signIns,
    state,
    userDates,
    confirmationCodes,
    authorizationCodes,
    hostedUiSessions,
    challenges,
    srpVerifiers,
    resets,
    selfFetch: deps.selfFetch,
    triggers,
    cachingVerifiers,
  };
}
