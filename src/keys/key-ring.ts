import type { Clock } from '../clock.js';
import type { TokenUse } from '../config/types.js';
import { MockIdpError } from '../errors.js';
import type { KeyInfo, KeyState } from '../page/wire.js';
import type { KeyFactory, KeyMaterial } from './key-factory.js';

export type { KeyInfo, KeyState } from '../page/wire.js';

/** One key of the ring. Times are epoch milliseconds; states follow from them and the clock. */
export interface KeyEntry {
  readonly material: KeyMaterial;
  readonly pool: string;
  readonly use: TokenUse;
  readonly createdAt: number;
  activatesAt: number;
  /** When a successor took over signing (the key starts retiring then). */
  supersededAt: number | null;
  /** When the key leaves the JWKS. */
  retiresAt: number | null;
}

export interface KeyRingOptions {
  clock: Clock;
  factory: KeyFactory;
  /** Seconds a replaced key stays published, per pool. */
  overlapSeconds: (pool: string) => number;
  /** Seconds a new key is published before it signs, unless a rotation says otherwise. */
  prePublishSeconds: number;
  /** Retired keys kept per pool and use; older ones are forgotten. */
  retiredKeysKept: number;
  /**
   * Replaced keys not yet retired (retiring, or pending and already replaced) kept per pool and use;
   * when a rotation would keep more, the oldest retiring key retires early. Default {@link defaultMaxRetiringKeys}.
   */
  maxRetiringKeys?: number | undefined;
  /** Seconds a retired key is remembered after it left the JWKS (null: until `retiredKeysKept` pushes it out). Default null. */
  retiredGraceSeconds?: number | null | undefined;
}

/** Replaced, not yet retired keys per pool and use unless configured (`keys.maxRetiringKeys`). */
export const defaultMaxRetiringKeys = 5;

export interface RotateOptions {
  /** Only this pool (default: every pool). */
  pool?: string | undefined;
  /** Only this token use (default: both). */
  tokenUse?: TokenUse | undefined;
  /** Override the configured pre-publish lead for this rotation. */
  prePublishSeconds?: number | undefined;
}

export const tokenUses: readonly TokenUse[] = ['id', 'access'];

/**
 * The signing keys of every pool. As in Cognito, each pool signs ID tokens
 * and access tokens with different keys, so its JWKS starts with two.
 *
 * @example
 * const ring = await KeyRing.create(['us-east-1_LocalPool'], { clock, factory: rsaKeyFactory, ... });
 * const key = ring.signingKey('us-east-1_LocalPool', 'id');
 * await ring.rotate({ pool: 'us-east-1_LocalPool' });
 */
export class KeyRing {
  readonly #options: KeyRingOptions;
  readonly #entries: KeyEntry[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #pools: string[];
  readonly #poolReady = new Map<string, Promise<void>>();
  /** Pools added at run time whose keys are being made. */
  readonly #adding = new Set<string>();
  #ready: Promise<void> = Promise.resolve();
  #isReady = false;
  /** Bumped by every change to the ring; with the clock, it says whether a pool's published set can have changed. */
  #version = 0;
  readonly #publishedCache = new Map<string, { version: number; from: number; until: number; keys: readonly KeyEntry[] }>();

  private constructor(pools: readonly string[], options: KeyRingOptions) {
    this.#pools = [...pools];
    this.#options = options;
  }

  /** A ring holding `entries` (from a keys file), with fresh keys made for any pool and use that has no usable key. */
  static async create(pools: readonly string[], options: KeyRingOptions, entries: KeyEntry[] = []): Promise<KeyRing> {
    const ring = KeyRing.start(pools, options, entries);
    await ring.ready;
    return ring;
  }

  /**
   * Like {@link KeyRing.create}, but returns at once: the missing keys are
   * generated off the event loop (WebCrypto runs on libuv's threadpool), pool
   * by pool in order, so a server can listen meanwhile. {@link ready} says when
   * every pool can sign; {@link poolReady} when one pool can (its JWKS waits
   * for that, never answering with a partial or empty key set).
   */
  static start(pools: readonly string[], options: KeyRingOptions, entries: KeyEntry[] = []): KeyRing {
    const ring = new KeyRing(pools, options);
    ring.#entries.push(...entries.filter((e) => pools.includes(e.pool)));
    // A keys file written under other limits (or by an older version) is brought within these.
    const now = options.clock.now();
    for (const pool of pools) for (const use of tokenUses) ring.#capReplaced(pool, use, now);
    ring.#prune();
    const perPool = ring.#ensureSigningKeys();
    for (const [pool, done] of perPool) ring.#poolReady.set(pool, done);
    ring.#ready = Promise.all(perPool.values()).then(() => {
      ring.#isReady = true;
    });
    // Callers await `ready`; this copy only keeps a failure from being reported twice as unhandled.
    ring.#ready.catch(() => {});
    return ring;
  }

  /** Resolves when every pool has its signing keys (rejects if generating one failed). */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** True once {@link ready} has resolved: hot paths skip awaiting it. */
  get isReady(): boolean {
    return this.#isReady;
  }

  /** Resolves when `pool` has its signing keys (at once for a pool the ring does not know). */
  poolReady(pool: string): Promise<void> {
    return this.#poolReady.get(pool) ?? Promise.resolve();
  }

  /**
   * True when `pool` can sign now: the ring is {@link ready} and the pool is not one added at run
   * time whose keys are still being made. The JWKS answers synchronously then, and waits otherwise.
   */
  isPoolReady(pool: string): boolean {
    return this.#isReady && !this.#adding.has(pool);
  }

  get pools(): readonly string[] {
    return this.#pools;
  }

  stateOf(entry: KeyEntry, now = this.#options.clock.now()): KeyState {
    if (entry.retiresAt !== null && now >= entry.retiresAt) return 'retired';
    if (entry.supersededAt !== null && now >= entry.supersededAt) return 'retiring';
    if (now >= entry.activatesAt) return 'active';
    return 'pending';
  }

  /** The key that signs `pool`'s tokens of `use` now. */
  signingKey(pool: string, use: TokenUse): KeyEntry {
    const active = this.#inState(pool, use, 'active');
    if (!active) throw new MockIdpError('INTERNAL', `no active ${use} key for pool ${pool}`);
    return active;
  }

  /** The newest key of `pool`/`use` in `state`, if any (scenarios sign with retiring and retired keys). */
  newestInState(pool: string, use: TokenUse, state: KeyState): KeyEntry | undefined {
    return this.#inState(pool, use, state);
  }

  find(kid: string): KeyEntry | undefined {
    return this.#entries.find((e) => e.material.kid === kid);
  }

  entries(): readonly KeyEntry[] {
    return this.#entries;
  }

  /**
   * Keys the JWKS of `pool` publishes now (pending, active, retiring), sorted by kid as Cognito's are.
   * The same array is returned until the set can change (a change to the ring, or the clock crossing a
   * key's `retiresAt`, either way), so the JWKS can be serialised once per change.
   */
  published(pool: string): readonly KeyEntry[] {
    const now = this.#options.clock.now();
    const cached = this.#publishedCache.get(pool);
    if (cached && cached.version === this.#version && now >= cached.from && now < cached.until) return cached.keys;
    let from = -Infinity;
    let until = Infinity;
    for (const e of this.#entries) {
      if (e.pool !== pool || e.retiresAt === null) continue;
      if (e.retiresAt <= now) from = Math.max(from, e.retiresAt);
      else until = Math.min(until, e.retiresAt);
    }
    const keys = Object.freeze(this.#entries.filter((e) => e.pool === pool && this.stateOf(e, now) !== 'retired').sort((a, b) => (a.material.kid < b.material.kid ? -1 : 1)));
    this.#publishedCache.set(pool, { version: this.#version, from, until, keys });
    return keys;
  }

  info(entry: KeyEntry): KeyInfo {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      kid: entry.material.kid,
      pool: entry.pool,
      use: entry.use,
      state: this.stateOf(entry),
      createdAt: iso(entry.createdAt)!,
      activatesAt: iso(entry.activatesAt)!,
      supersededAt: iso(entry.supersededAt),
      retiresAt: iso(entry.retiresAt),
    };
  }

  /**
   * Adds a new key for each selected pool and use. The new key is published at
   * once and signs after the pre-publish lead; the key it replaces keeps signing
   * until then, then stays published for the overlap before it is retired.
   */
  async rotate(options: RotateOptions = {}): Promise<KeyEntry[]> {
    if (options.pool !== undefined && !this.#pools.includes(options.pool)) {
      throw new MockIdpError('UNKNOWN_POOL', `no user pool "${options.pool}" (pools: ${this.#pools.join(', ')})`);
    }
    const pools = options.pool === undefined ? this.#pools : [options.pool];
    const uses = options.tokenUse === undefined ? tokenUses : [options.tokenUse];
    const leadMs = (options.prePublishSeconds ?? this.#options.prePublishSeconds) * 1000;
    const targets = pools.flatMap((pool) => uses.map((use) => ({ pool, use })));
    const materials = await Promise.all(targets.map(() => this.#options.factory.generate()));

    const now = this.#options.clock.now();
    const added = targets.map(({ pool, use }, i) => {
      const activatesAt = now + leadMs;
      for (const previous of this.#entries) {
        if (previous.pool !== pool || previous.use !== use) continue;
        // Keys already handed over stay as they are, unless their successor was due later than this key.
        if (previous.supersededAt !== null && previous.supersededAt <= activatesAt) continue;
        if (this.stateOf(previous, now) === 'retired') continue;
        previous.supersededAt = Math.max(activatesAt, previous.activatesAt);
        previous.retiresAt = previous.supersededAt + this.#options.overlapSeconds(pool) * 1000;
      }
      const entry: KeyEntry = { material: materials[i]!, pool, use, createdAt: now, activatesAt, supersededAt: null, retiresAt: null };
      this.#entries.push(entry);
      this.#capReplaced(pool, use, now);
      return entry;
    });
    this.#prune();
    this.#changed();
    return added;
  }

  /**
   * Takes a key out of the JWKS now. Retiring the active key first puts a new
   * key in its place, so the pool can always sign.
   */
  async retire(kid: string): Promise<KeyEntry> {
    const entry = this.find(kid);
    if (!entry) throw new MockIdpError('UNKNOWN_KEY', `no key with kid "${kid}" (see GET /_mock/keys)`);
    const state = this.stateOf(entry);
    if (state === 'retired') throw new MockIdpError('KEY_ALREADY_RETIRED', `key "${kid}" is already retired`);
    if (state === 'active' || this.#isLastSigner(entry)) {
      await this.rotate({ pool: entry.pool, tokenUse: entry.use, prePublishSeconds: 0 });
    }
    const now = this.#options.clock.now();
    entry.supersededAt = Math.min(entry.supersededAt ?? now, now);
    entry.retiresAt = now;
    this.#prune();
    this.#changed();
    return entry;
  }

  /**
   * Adds a pool made at run time (CreateUserPool): its two signing keys are generated off the
   * event loop, so other pools' JWKS keep answering meanwhile. Resolves once the pool can sign;
   * {@link poolReady} says the same to requests that arrive before.
   */
  addPool(pool: string): Promise<void> {
    if (this.#pools.includes(pool)) return this.poolReady(pool);
    this.#pools.push(pool);
    const made = this.#ensureSigningKeys([pool]).get(pool);
    if (!made) return Promise.resolve();
    this.#adding.add(pool);
    const done = made.finally(() => this.#adding.delete(pool));
    this.#poolReady.set(pool, done);
    done.catch(() => {});
    return done;
  }

  /** Forgets a deleted pool and its keys (DeleteUserPool, POST /_mock/reset). */
  removePool(pool: string): void {
    const at = this.#pools.indexOf(pool);
    if (at < 0) return;
    this.#pools.splice(at, 1);
    this.#poolReady.delete(pool);
    this.#adding.delete(pool);
    this.#publishedCache.delete(pool);
    for (let i = this.#entries.length - 1; i >= 0; i--) if (this.#entries[i]!.pool === pool) this.#entries.splice(i, 1);
    this.#changed();
  }

  /** Forgets every key and makes fresh ones (`POST /_mock/reset` with `keys: true`). The JWKS keeps the old keys until the new ones exist. */
  async regenerate(): Promise<void> {
    const fresh = KeyRing.start(this.#pools, this.#options);
    await fresh.ready;
    this.#entries.splice(0, this.#entries.length, ...fresh.#entries);
    this.#changed();
  }

  /** Calls `listener` after every change to the ring (the keys file listens). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #inState(pool: string, use: TokenUse, state: KeyState): KeyEntry | undefined {
    const now = this.#options.clock.now();
    let newest: KeyEntry | undefined;
    for (const e of this.#entries) {
      if (e.pool === pool && e.use === use && this.stateOf(e, now) === state) {
        if (!newest || e.activatesAt >= newest.activatesAt) newest = e;
      }
    }
    return newest;
  }

  /** A pending key would leave its pool without a future signer if it were retired. */
  #isLastSigner(entry: KeyEntry): boolean {
    const now = this.#options.clock.now();
    return !this.#entries.some((e) => e !== entry && e.pool === entry.pool && e.use === entry.use && e.supersededAt === null && this.stateOf(e, now) !== 'retired');
  }

  /** Generates the keys each pool lacks; one promise per pool, settled when that pool's keys are in the ring. */
  #ensureSigningKeys(pools: readonly string[] = this.#pools): Map<string, Promise<void>> {
    const now = this.#options.clock.now();
    const perPool = new Map<string, Promise<void>>();
    for (const pool of pools) {
      const missing = tokenUses.filter((use) => !this.#entries.some((e) => e.pool === pool && e.use === use && e.supersededAt === null && this.stateOf(e, now) !== 'retired'));
      if (missing.length === 0) continue;
      // Requested pool by pool, in order, so the first (default) pool's keys are asked for first.
      const materials = Promise.all(missing.map(() => this.#options.factory.generate()));
      perPool.set(
        pool,
        materials.then((made) => {
          // A pool removed while its keys were being made (DeleteUserPool, POST /_mock/reset) gets none.
          if (!this.#pools.includes(pool)) return;
          missing.forEach((use, i) => {
            this.#entries.push({ material: made[i]!, pool, use, createdAt: now, activatesAt: now, supersededAt: null, retiresAt: null });
          });
          this.#changed();
        }),
      );
    }
    return perPool;
  }

  /**
   * Keeps at most `maxRetiringKeys` replaced, not yet retired keys of `pool`/`use`, so the JWKS and
   * the keys file stay small however fast keys rotate. Over the limit:
   * - the retiring key replaced longest ago retires now (of the replaced keys it is the one least
   *   likely to have signed a token still in use; tokens it signed then fail with an unknown kid);
   * - then a pending key already replaced before it signed anything (rotations faster than the
   *   pre-publish lead) is dropped: it never signed, and the key before it signs until its successor takes over.
   * The active key is never touched.
   */
  #capReplaced(pool: string, use: TokenUse, now: number): void {
    const max = this.#options.maxRetiringKeys ?? defaultMaxRetiringKeys;
    const replaced = this.#entries.filter((e) => e.pool === pool && e.use === use && e.supersededAt !== null);
    const retiring = replaced.filter((e) => this.stateOf(e, now) === 'retiring');
    const waiting = replaced.filter((e) => this.stateOf(e, now) === 'pending');
    let over = retiring.length + waiting.length - max;
    if (over <= 0) return;
    retiring.sort((a, b) => a.supersededAt! - b.supersededAt! || a.createdAt - b.createdAt);
    for (const key of retiring) {
      if (over <= 0) return;
      key.retiresAt = now;
      over -= 1;
    }
    waiting.sort((a, b) => a.activatesAt - b.activatesAt);
    for (const key of waiting) {
      if (over <= 0) return;
      this.#dropUnsigned(key);
      over -= 1;
    }
  }

  /** Removes a pending key that was replaced before it signed: the key due to hand over to it hands over to its successor instead. */
  #dropUnsigned(key: KeyEntry): void {
    const now = this.#options.clock.now();
    for (const e of this.#entries) {
      if (e === key || e.pool !== key.pool || e.use !== key.use || e.supersededAt !== key.activatesAt || e.activatesAt >= key.activatesAt) continue;
      if (this.stateOf(e, now) === 'retired') continue;
      e.supersededAt = key.supersededAt;
      e.retiresAt = e.supersededAt! + this.#options.overlapSeconds(key.pool) * 1000;
    }
    this.#entries.splice(this.#entries.indexOf(key), 1);
  }

  /** Forgets retired keys beyond `retiredKeysKept` per pool and use, and those retired longer ago than `retiredGraceSeconds`. */
  #prune(): void {
    const now = this.#options.clock.now();
    const graceSeconds = this.#options.retiredGraceSeconds ?? null;
    for (const pool of this.#pools) {
      for (const use of tokenUses) {
        const retired = this.#entries
          .filter((e) => e.pool === pool && e.use === use && this.stateOf(e, now) === 'retired')
          .reverse() // newest first, so that keys retired at the same instant keep the newest
          .sort((a, b) => b.retiresAt! - a.retiresAt!);
        for (const [i, old] of retired.entries()) {
          if (i >= this.#options.retiredKeysKept || (graceSeconds !== null && now - old.retiresAt! >= graceSeconds * 1000)) {
            this.#entries.splice(this.#entries.indexOf(old), 1);
          }
        }
      }
    }
  }

  #changed(): void {
    this.#version += 1;
    for (const listener of this.#listeners) listener();
  }
}
