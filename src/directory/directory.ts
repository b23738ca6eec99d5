import { configuredResourceServers } from '../cognito/resource-servers.js';
import { cognitoTokenDefaults } from '../config/defaults.js';
import type { ClientConfig, MockIdpConfig, PoolConfig, UserRecord } from '../config/types.js';
import { MockIdpError } from '../errors.js';
import { defaultPoolSettings, type Client, type Group, type Pool } from './pool.js';

export type { Client, Pool } from './pool.js';

/**
 * The user pools, their app clients and their users, as configured. Lookups
 * throw {@link MockIdpError}s that say what exists, so a typo is easy to fix.
 */
export class Directory {
  readonly #pools: Map<string, Pool>;
  /** Per pool id: each user by lowercased username (the first of a case-insensitive clash, as a scan would find). */
  readonly #byUsername = new Map<string, Map<string, UserRecord>>();
  /** Per pool id: who holds each sub, email, phone number and preferred_username (see {@link SignInIndex}). */
  readonly #signInIndex = new Map<string, SignInIndex>();
  readonly defaultPoolId: string;

  readonly #config: Pick<MockIdpConfig, 'pools' | 'defaultPool'>;
  readonly #users: readonly UserRecord[];

  constructor(config: Pick<MockIdpConfig, 'pools' | 'defaultPool'>, users: readonly UserRecord[], now = 0) {
    this.defaultPoolId = config.defaultPool;
    this.#config = config;
    this.#users = users;
    this.#pools = new Map(config.pools.map((p) => [p.id, configuredPool(p, users, now)]));
    for (const pool of this.#pools.values()) this.#index(pool);
  }

  /** Adds a pool (CreateUserPool, or one restored from a state dir); replaces a pool with the same id. */
  addPool(pool: Pool): Pool {
    this.#pools.set(pool.id, pool);
    this.#index(pool);
    return pool;
  }

  /** Deletes a pool with its clients and users; false if there was none. */
  removePool(id: string): boolean {
    this.#byUsername.delete(id);
    this.#signInIndex.delete(id);
    return this.#pools.delete(id);
  }

  /**
   * Back to the configured pools, as configured (`POST /_mock/reset`): pools made through the API
   * are deleted, and the configured pools' users, clients and groups are as at start.
   */
  resetPools(now = 0): void {
    this.#pools.clear();
    for (const p of this.#config.pools) this.addPool(configuredPool(p, this.#users, now));
  }

  /**
   * Adds a user created at run time (SignUp, AdminCreateUser). Run-time users
   * and changes live in memory (or a state dir) until {@link resetPools}.
   */
  addUser(pool: Pool, user: UserRecord): UserRecord {
    usersOf(pool).push(user);
    addToIndex(this.#byUsername.get(pool.id)!, user);
    this.#signInIndex.get(pool.id)!.add(user);
    return user;
  }

  /**
   * Sets (a string) or removes (null) attributes of a user of `pool`, keeping the lookups by email,
   * phone number and preferred_username in step. Code that changes those three attributes goes
   * through here; a value removed behind the directory's back is never found (lookups check the
   * value they find), but one set behind its back is not found either.
   */
  setAttributes(pool: Pool, user: UserRecord, changes: Readonly<Record<string, string | null>>): void {
    const index = this.#signInIndex.get(pool.id);
    for (const [name, value] of Object.entries(changes)) {
      const before = user.attributes[name];
      if (value === null) delete user.attributes[name];
      else user.attributes[name] = value;
      if (index && before !== value) index.moved(user, name, before, value ?? undefined);
    }
  }

  /**
   * The users of `pool` whose `attribute` (email, phone_number or preferred_username) has this value
   * (emails and preferred usernames compared case-insensitively), earliest holder first, from the index.
   */
  holders(pool: Pool, attribute: IndexedAttribute, value: string): readonly UserRecord[] {
    return this.#signInIndex.get(pool.id)?.holders(attribute, value) ?? [];
  }

  /** The user of `pool` with this sub (case-insensitive, like usernames), from the index. */
  userBySub(pool: Pool, sub: string): UserRecord | undefined {
    return this.#signInIndex.get(pool.id)?.bySub.get(sub.toLowerCase());
  }

  /** The user by username (case-insensitive), from the index; no other sign-in name. */
  userByUsername(pool: Pool, username: string): UserRecord | undefined {
    return this.#byUsername.get(pool.id)?.get(username.toLowerCase());
  }

  /** Removes a user created or changed at run time; false if there was none. */
  removeUser(pool: Pool, username: string): boolean {
    const index = pool.users.findIndex((u) => u.username === username);
    if (index < 0) return false;
    usersOf(pool).splice(index, 1);
    this.#index(pool);
    return true;
  }

  /** Rebuilds the pool's username and sign-in indexes from its users. */
  #index(pool: Pool): void {
    const byUsername = new Map<string, UserRecord>();
    const signInIndex = new SignInIndex();
    for (const user of pool.users) {
      addToIndex(byUsername, user);
      signInIndex.add(user);
    }
    this.#byUsername.set(pool.id, byUsername);
    this.#signInIndex.set(pool.id, signInIndex);
  }

  /**
   * The user a request names, or undefined (no error): for APIs that answer "not found" in their own
   * words. All from indexes, in this order:
   * - the user with that sub (Cognito's admin operations take a sub for a username; subs are made by the
   *   server, so nobody can choose a username that shadows one: SignUp and AdminCreateUser refuse a
   *   username equal to a sub);
   * - the user with that username (case-insensitive, Cognito's default);
   * - then by the pool's sign-in attributes: with `UsernameAttributes`, the holder of that email or
   *   phone number; with `AliasAttributes`, the holder of that *verified* email or phone number, or of that
   *   preferred_username; with neither (configured pools, as before), the first user with that email.
   */
  findUser(pool: Pool, who: string): UserRecord | undefined {
    const bySub = this.userBySub(pool, who);
    if (bySub) return bySub;
    const byUsername = this.userByUsername(pool, who);
    if (byUsername) return byUsername;
    const { UsernameAttributes: usernameAttributes, AliasAttributes: aliases } = pool.settings;
    if (usernameAttributes?.length) {
      for (const attribute of usernameAttributes) {
        const holder = this.holders(pool, attribute, who)[0];
        if (holder) return holder;
      }
      return undefined;
    }
    if (aliases?.length) {
      for (const attribute of aliases) {
        const holder = this.holders(pool, attribute, who).find((u) => attribute === 'preferred_username' || u.attributes[`${attribute}_verified`] === 'true');
        if (holder) return holder;
      }
      return undefined;
    }
    return this.holders(pool, 'email', who)[0];
  }

  /** The pool a client belongs to, or undefined. */
  findClient(clientId: string): { pool: Pool; client: Client } | undefined {
    for (const pool of this.#pools.values()) {
      const client = pool.clients.find((c) => c.id === clientId);
      if (client) return { pool, client };
    }
    return undefined;
  }

  pools(): Pool[] {
    return [...this.#pools.values()];
  }

  /** The pool with this id, or undefined. */
  findPool(id: string): Pool | undefined {
    return this.#pools.get(id);
  }

  /** The pool with this id; the default pool when `id` is undefined. */
  pool(id?: string): Pool {
    const pool = this.#pools.get(id ?? this.defaultPoolId);
    if (!pool) throw new MockIdpError('UNKNOWN_POOL', `no user pool "${id}" (pools: ${[...this.#pools.keys()].join(', ')})`);
    return pool;
  }

  /** A client of `pool` by id or name; the pool's first client when `idOrName` is undefined. */
  client(pool: Pool, idOrName?: string): Client {
    const client = idOrName === undefined ? pool.clients[0] : pool.clients.find((c) => c.id === idOrName || c.name === idOrName);
    if (!client) {
      const known = pool.clients.map((c) => `${c.name} (${c.id})`).join(', ');
      throw new MockIdpError('UNKNOWN_CLIENT', `pool ${pool.id} has no client "${idOrName}" (clients: ${known})`);
    }
    return client;
  }

  /** A user of `pool` by username (case-insensitive, as Cognito's default), email or sub; the first user when undefined. */
  user(pool: Pool, who?: string): UserRecord {
    const user = who === undefined ? pool.users[0] : this.findUser(pool, who);
    if (!user) {
      const sample = pool.users
        .slice(0, 5)
        .map((u) => u.username)
        .join(', ');
      throw new MockIdpError('UNKNOWN_USER', `pool ${pool.id} has no user "${who}" (users include: ${sample}; see GET /_mock/pools)`);
    }
    return user;
  }

  /** The pool's longest ID or access token lifetime, in seconds. */
  longestTokenLifetimeSeconds(poolId: string): number {
    const pool = this.pool(poolId);
    // A pool with no client yet (just made by CreateUserPool): Cognito's default lifetimes.
    const clients = pool.clients.length ? pool.clients : [cognitoTokenDefaults];
    return Math.max(...clients.flatMap((c) => [c.idTokenValiditySeconds, c.accessTokenValiditySeconds]));
  }
}

/** A configured pool in its start state: its clients with defaults, its users from the users file, a group for each group they name. */
export function configuredPool(p: PoolConfig, users: readonly UserRecord[], now: number): Pool {
  const clients = p.clients.map((c) => clientFromConfig(c, now));
  const poolUsers = users
    .filter((u) => u.pool === p.id && (p.users === undefined || p.users === '*' || p.users.includes(u.username)))
    .map((u) => structuredClone({ ...u, enabled: u.enabled ?? true, status: u.status ?? 'CONFIRMED', groups: u.groups ?? [] }));
  const groupNames = [...new Set(poolUsers.flatMap((u) => u.groups))].sort();
  const groups: Group[] = groupNames.map((name) => ({ name, createdAt: now, modifiedAt: now }));
  return {
    id: p.id,
    region: p.id.split('_')[0]!,
    name: p.id.slice(p.id.indexOf('_') + 1),
    origin: 'config',
    clients,
    users: poolUsers,
    claimRules: p.claimRules ?? {},
    settings: configuredSettings(p),
    ...configuredMfaConfig(p),
    ...(p.issuerStyle ? { issuerStyle: p.issuerStyle } : {}),
    groups,
    domain: null,
    // A resource server for each identifier the clients' custom scopes name (`mock-api/read`), as Cognito requires.
    resourceServers: configuredResourceServers(clients.flatMap((c) => c.allowedScopes)),
    identityProviders: [],
    createdAt: now,
    modifiedAt: now,
  };
}

/** A client from the config file (or made through the API from the same fields), with every default filled in. */
/**
 * A configured pool's SetUserPoolMfaConfig members: authenticator apps as `softwareTokenMfaConfiguration`
 * says (default: on when `mfaConfiguration` is ON or OPTIONAL), SMS and email MFA when the file gives
 * their configuration, and `webAuthn` as the WebAuthnConfiguration. None of them: no `mfaConfig`.
 */
function configuredMfaConfig(p: PoolConfig): Pick<Pool, 'mfaConfig'> {
  const totp = p.softwareTokenMfaConfiguration?.Enabled ?? (p.mfaConfiguration !== undefined && p.mfaConfiguration !== 'OFF');
  const w = p.webAuthn;
  const config: NonNullable<Pool['mfaConfig']> = {
    ...(totp || p.softwareTokenMfaConfiguration ? { SoftwareTokenMfaConfiguration: { Enabled: totp } } : {}),
    ...(p.smsMfaConfiguration ? { SmsMfaConfiguration: structuredClone(p.smsMfaConfiguration) } : {}),
    ...(p.emailMfaConfiguration ? { EmailMfaConfiguration: structuredClone(p.emailMfaConfiguration) } : {}),
    ...(w ? { WebAuthnConfiguration: { ...(w.relyingPartyId ? { RelyingPartyId: w.relyingPartyId } : {}), ...(w.userVerification ? { UserVerification: w.userVerification } : {}) } } : {}),
  };
  return Object.keys(config).length ? { mfaConfig: config } : {};
}

/** A configured pool's settings: Cognito's defaults, its MfaConfiguration, and its first sign-in factors when given. */
function configuredSettings(p: PoolConfig): Pool['settings'] {
  const settings: Pool['settings'] = { ...defaultPoolSettings(), MfaConfiguration: p.mfaConfiguration ?? 'OFF' };
  if (p.allowedFirstAuthFactors) settings.Policies = { ...settings.Policies, SignInPolicy: { AllowedFirstAuthFactors: [...p.allowedFirstAuthFactors] } };
  if (p.lambdaConfig) settings.LambdaConfig = structuredClone(p.lambdaConfig) as Record<string, unknown>;
  if (p.emailConfiguration) settings.EmailConfiguration = structuredClone(p.emailConfiguration);
  return settings;
}

export function clientFromConfig(c: Partial<ClientConfig> & Pick<ClientConfig, 'id' | 'name'>, now: number): Client {
  const secret = c.secret ?? null;
  return {
    ...cognitoTokenDefaults,
    ...c,
    secret,
    allowedScopes: c.allowedScopes ?? ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
    claimRules: c.claimRules ?? {},
    refreshTokenRotation: c.refreshTokenRotation ?? false,
    refreshTokenRetryGracePeriodSeconds: c.refreshTokenRetryGracePeriodSeconds ?? 0,
    callbackUrls: c.callbackUrls ?? [],
    logoutUrls: c.logoutUrls ?? [],
    secrets: secret === null ? [] : [{ id: `${c.id}--${now}`, value: secret, createdAt: now }],
    settings: {},
    createdAt: now,
    modifiedAt: now,
  };
}

/** The attributes a user can be found by (besides username and sub). */
export type IndexedAttribute = 'email' | 'phone_number' | 'preferred_username';
const indexedAttributes: readonly IndexedAttribute[] = ['email', 'phone_number', 'preferred_username'];

/** How a value is compared: emails and preferred usernames case-insensitively, phone numbers as given. */
function indexKey(attribute: IndexedAttribute, value: string): string {
  return attribute === 'phone_number' ? value : value.toLowerCase();
}

/**
 * One pool's users by sub and by each {@link IndexedAttribute} value (several users may hold one value:
 * unverified emails, configured pools), so a lookup never scans the pool. Plain Maps, rebuilt from
 * the pool's users whenever the directory (re)adds a pool; nothing here is saved.
 */
class SignInIndex {
  /** By lowercased sub. */
  readonly bySub = new Map<string, UserRecord>();
  readonly #byValue = new Map<IndexedAttribute, Map<string, UserRecord[]>>(indexedAttributes.map((a) => [a, new Map()]));

  add(user: UserRecord): void {
    const sub = user.sub.toLowerCase();
    if (!this.bySub.has(sub)) this.bySub.set(sub, user);
    for (const attribute of indexedAttributes) {
      const value = user.attributes[attribute];
      if (value) this.#insert(attribute, value, user);
    }
  }

  /** An attribute of `user` changed from `before` to `after` (undefined: none). */
  moved(user: UserRecord, name: string, before: string | undefined, after: string | undefined): void {
    if (!indexedAttributes.includes(name as IndexedAttribute)) return;
    const attribute = name as IndexedAttribute;
    if (before) {
      const key = indexKey(attribute, before);
      const list = this.#byValue.get(attribute)!.get(key);
      const rest = list?.filter((u) => u !== user) ?? [];
      if (rest.length) this.#byValue.get(attribute)!.set(key, rest);
      else this.#byValue.get(attribute)!.delete(key);
    }
    if (after) this.#insert(attribute, after, user);
  }

  /** The holders of a value, checked against their current attributes (a value removed behind the index's back drops out). */
  holders(attribute: IndexedAttribute, value: string): UserRecord[] {
    const key = indexKey(attribute, value);
    return (this.#byValue.get(attribute)!.get(key) ?? []).filter((u) => u.attributes[attribute] !== undefined && indexKey(attribute, u.attributes[attribute]) === key);
  }

  #insert(attribute: IndexedAttribute, value: string, user: UserRecord): void {
    const byValue = this.#byValue.get(attribute)!;
    const key = indexKey(attribute, value);
    const list = byValue.get(key);
    if (!list) byValue.set(key, [user]);
    else if (!list.includes(user)) list.push(user);
  }
}

/** Indexes `user` by lowercased username, unless an earlier user has that name (the one a scan would find). */
function addToIndex(byUsername: Map<string, UserRecord>, user: UserRecord): void {
  const key = user.username.toLowerCase();
  if (!byUsername.has(key)) byUsername.set(key, user);
}

/** The pool's users array, to change; only the Directory does, keeping its index in step. */
function usersOf(pool: Pool): UserRecord[] {
  return pool.users as UserRecord[];
}
