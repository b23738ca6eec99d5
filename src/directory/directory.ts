import { cognitoTokenDefaults } from '../config/defaults.js';
import type { ClaimRules, ClientConfig, MockIdpConfig, UserRecord } from '../config/types.js';
import { MockIdpError } from '../errors.js';

export interface Client extends ClientConfig {
  claimRules: ClaimRules;
  refreshTokenRotation: boolean;
  callbackUrls: string[];
  logoutUrls: string[];
}

export interface Pool {
  id: string;
  /** The AWS region, the part of the id before `_`. */
  region: string;
  clients: Client[];
  /** Changed only through the {@link Directory}, which keeps its username index in step. */
  readonly users: readonly UserRecord[];
  claimRules: ClaimRules;
}

/**
 * The user pools, their app clients and their users, as configured. Lookups
 * throw {@link MockIdpError}s that say what exists, so a typo is easy to fix.
 */
export class Directory {
  readonly #pools: Map<string, Pool>;
  readonly #initialUsers: Map<string, UserRecord[]>;
  /** Per pool id: each user by lowercased username (the first of a case-insensitive clash, as a scan would find). */
  readonly #byUsername = new Map<string, Map<string, UserRecord>>();
  readonly defaultPoolId: string;

  constructor(config: Pick<MockIdpConfig, 'pools' | 'defaultPool'>, users: readonly UserRecord[]) {
    this.defaultPoolId = config.defaultPool;
    this.#pools = new Map(
      config.pools.map((p) => {
        const clients = p.clients.map((c) => {
          return {
            ...cognitoTokenDefaults,
            ...c,
            secret: c.secret ?? null,
            allowedScopes: c.allowedScopes ?? ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'],
            claimRules: c.claimRules ?? {},
            refreshTokenRotation: c.refreshTokenRotation ?? false,
            callbackUrls: c.callbackUrls ?? [],
            logoutUrls: c.logoutUrls ?? [],
          };
        });
        const poolUsers = users
          .filter((u) => u.pool === p.id && (p.users === undefined || p.users === '*' || p.users.includes(u.username)))
          .map((u) => ({ ...u, enabled: u.enabled ?? true, status: u.status ?? 'CONFIRMED', groups: u.groups ?? [] }));
        return [p.id, { id: p.id, region: p.id.split('_')[0]!, clients, users: poolUsers, claimRules: p.claimRules ?? {} }];
      }),
    );
    this.#initialUsers = new Map([...this.#pools.values()].map((p) => [p.id, structuredClone(p.users) as UserRecord[]]));
    for (const pool of this.#pools.values()) this.#index(pool);
  }

  /**
   * Adds a user created at run time (SignUp, AdminCreateUser). Run-time users
   * and changes live in memory until {@link resetUsers}.
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

  /** Back to the configured users and their fixture state (POST /_mock/reset). */
  resetUsers(): void {
    for (const [id, users] of this.#initialUsers) {
      const pool = this.#pools.get(id)!;
      usersOf(pool).splice(0, Infinity, ...structuredClone(users));
      this.#index(pool);
    }
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

/** Indexes `user` by lowercased username, unless an earlier user has that name (the one a scan would find). */
function addToIndex(byUsername: Map<string, UserRecord>, user: UserRecord): void {
  const key = user.username.toLowerCase();
  if (!byUsername.has(key)) byUsername.set(key, user);
}

/** The pool's users array, to change; only the Directory does, keeping its index in step. */
function usersOf(pool: Pool): UserRecord[] {
  return pool.users as UserRecord[];
}
