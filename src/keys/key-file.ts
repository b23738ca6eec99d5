import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import type { TokenUse } from '../config/types.js';
import { MockIdpError } from '../errors.js';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { fromPrivateJwk } from './key-factory.js';
import { jsonErrorPosition } from '../runtime/json-error-position.js';
import type { KeyEntry } from './key-ring.js';

/**
 * The keys file: every key of the ring with its private JWK and its times, so
 * a restarted server publishes the same JWKS and tokens it issued stay valid.
 * It holds private keys: keep it out of version control.
 */
export interface KeysFileContents {
  format: 'mock-idp-keys';
  version: 1;
  warning: string;
  keys: Array<{
    kid: string;
    pool: string;
    use: TokenUse;
    createdAt: string;
    activatesAt: string;
    supersededAt: string | null;
    retiresAt: string | null;
    privateJwk: JWK;
  }>;
}

export function toKeysFile(entries: readonly KeyEntry[]): KeysFileContents {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    format: 'mock-idp-keys',
    version: 1,
    warning: 'Private signing keys of a mock identity provider. For tests only; never use them to protect anything.',
    keys: entries.map((e) => ({
      kid: e.material.kid,
      pool: e.pool,
      use: e.use,
      createdAt: iso(e.createdAt)!,
      activatesAt: iso(e.activatesAt)!,
      supersededAt: iso(e.supersededAt),
      retiresAt: iso(e.retiresAt),
      privateJwk: e.material.privateJwk,
    })),
  };
}

/**
 * Reads a keys file; null when it does not exist yet. Every key must be able to
 * sign RS256 (see {@link fromPrivateJwk}): anything else is INVALID_KEYS_FILE
 * naming the key's index and the reason, at start. No message quotes the file:
 * a JSON error gives the line and column only, since the text around it may be
 * part of a private key.
 */
export async function readKeysFile(path: string): Promise<KeyEntry[] | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MockIdpError('INVALID_KEYS_FILE', `cannot read keys file ${path}: ${(error as Error).message}`);
  }
  const fail = (why: string): never => {
    throw new MockIdpError('INVALID_KEYS_FILE', `keys file ${path}: ${why}`);
  };
  let data: KeysFileContents;
  try {
    data = JSON.parse(text) as KeysFileContents;
  } catch {
    return fail(`not valid JSON (${jsonErrorPosition(text)})`);
  }
  if (data?.format !== 'mock-idp-keys' || data.version !== 1 || !Array.isArray(data.keys)) {
    fail('not a mock-idp keys file (expected "format": "mock-idp-keys", "version": 1)');
  }
  const ms = (iso: unknown, field: string, i: number, nullable: boolean): number | null => {
    if (iso === null && nullable) return null;
    const t = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
    if (!Number.isFinite(t)) fail(`keys[${i}].${field} is not a time`);
    return t;
  };
  // Checked in order, so the message names the first bad key; the RSA imports then run together.
  const checked = data.keys.map((k, i) => {
    if (typeof k !== 'object' || k === null || Array.isArray(k)) return fail(`keys[${i}] is not an object`);
    if (k.use !== 'id' && k.use !== 'access') fail(`keys[${i}].use must be "id" or "access"`);
    if (typeof k.pool !== 'string') fail(`keys[${i}].pool must be a pool id`);
    return {
      pool: k.pool,
      use: k.use,
      createdAt: ms(k.createdAt, 'createdAt', i, false)!,
      activatesAt: ms(k.activatesAt, 'activatesAt', i, false)!,
      supersededAt: ms(k.supersededAt, 'supersededAt', i, true),
      retiresAt: ms(k.retiresAt, 'retiresAt', i, true),
    };
  });
  const materials = await Promise.allSettled(data.keys.map((k) => fromPrivateJwk(k.privateJwk)));
  return checked.map((entry, i) => {
    const material = materials[i]!;
    if (material.status === 'rejected') return fail(`keys[${i}].privateJwk cannot sign RS256: ${(material.reason as Error).message}`);
    return { material: material.value, ...entry };
  });
}

/** Writes the keys file atomically (see {@link writeFileAtomic}). */
export async function writeKeysFile(path: string, entries: readonly KeyEntry[]): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(toKeysFile(entries), null, 2)}\n`);
}

/**
 * Saves the ring after each change, one write at a time; the last change always
 * reaches the disk. `flush()` waits for the pending write and rejects with
 * KEYS_NOT_SAVED while the newest write failed, so no key is used (no token
 * minted, no rotation answered) that a restart would not bring back.
 */
export class KeysFileWriter {
  readonly #path: string;
  readonly #entries: () => readonly KeyEntry[];
  readonly #onError: (error: Error) => void;
  #running: Promise<void> = Promise.resolve();
  #dirty = false;
  /** Why the newest write failed; null once one succeeds. */
  #failure: MockIdpError | null = null;

  constructor(path: string, entries: () => readonly KeyEntry[], onError: (error: Error) => void) {
    this.#path = path;
    this.#entries = entries;
    this.#onError = onError;
  }

  get path(): string {
    return this.#path;
  }

  schedule(): void {
    if (this.#dirty) return;
    this.#dirty = true;
    this.#running = this.#running.then(async () => {
      this.#dirty = false;
      try {
        await writeKeysFile(this.#path, this.#entries());
        this.#failure = null;
      } catch (error) {
        this.#failure = new MockIdpError('KEYS_NOT_SAVED', `the keys file ${this.#path} could not be written (${(error as Error).message}); keys it lacks are not used until a write succeeds`);
        this.#onError(this.#failure);
      }
    });
  }

  /** Resolves once the newest change is on disk; rejects with KEYS_NOT_SAVED when its write failed. */
  async flush(): Promise<void> {
    await this.#running;
    if (this.#failure) {
      // Try again: the cause (a full disk, a folder made read-only) may have gone.
      this.schedule();
      await this.#running;
      if (this.#failure) throw this.#failure;
    }
  }
}
