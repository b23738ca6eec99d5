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
    return user;
  }

  /** Removes a user created or changed at run time; false if there was none. */
  removeUser(pool: Pool, username: string): boolean {
    const index = pool.users.findIndex((u) => u.username === username);
    if (index < 0) return false;
    usersOf(pool).splice(index, 1);
    this.#index(pool);
    return true;
  }

  /** Rebuilds the pool's username index from its users. */
  #index(pool: Pool): void {
    const byUsername = new Map<string, UserRecord>();
    for (const user of pool.users) addToIndex(byUsername, user);
    this.#byUsername.set(pool.id, byUsername);
  }

  /**
   * The user by username (case-insensitive, from the index), else by sub or email (a scan), or undefined (no
   * error): for APIs that answer "not found" in their own words.
   */
  findUser(pool: Pool, who: string): UserRecord | undefined {
    const needle = who.toLowerCase();
    return this.#byUsername.get(pool.id)?.get(needle) ?? pool.users.find((u) => u.sub === who || u.attributes.email?.toLowerCase() === needle);
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
      const sample = pool.users.slice(0, 5).map((u) => u.username).join(', ');
      throw new MockIdpError('UNKNOWN_USER', `pool ${pool.id} has no user "${who}" (users include: ${sample}; see GET /_mock/pools)`);
    }
    return user;
  }

  /** The pool's longest ID or access token lifetime, in seconds. */
  longestTokenLifetimeSeconds(poolId: string): number {
    const pool = this.pool(poolId);
    return Math.max(...pool.clients.flatMap((c) => [c.idTokenValiditySeconds, c.accessTokenValiditySeconds]));
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
    settings: defaultPoolSettings(),
    groups,
    domain: null,
    resourceServers: [],
    identityProviders: [],
    createdAt: now,
    modifiedAt: now,
  };
}

/** A client from the config file (or made through the API from the same fields), with every default filled in. */
export function clientFromConfig(c: Partial<ClientConfig> & Pick<ClientConfig, 'id' | 'name'>, now: number): Client {
  const secret = c.secret ?? null;
  return {
    ...cognitoTokenDefaults,
    ...c,
    secret,
    allowedScopes: c.allowedScopes ?? ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
    claimRules: c.claimRules ?? {},
    refreshTokenRotation: c.refreshTokenRotation ?? false,
    callbackUrls: c.callbackUrls ?? [],
    logoutUrls: c.logoutUrls ?? [],
    secrets: secret === null ? [] : [{ id: `${c.id}--${now}`, value: secret, createdAt: now }],
    settings: {},
    createdAt: now,
    modifiedAt: now,
  };
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
