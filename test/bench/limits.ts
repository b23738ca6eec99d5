/** The machine's limits, measured in the same run as everything else. */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { generateKeyPair } from 'jose';

const testKeys = new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url);

/**
 * RSA-2048 RS256 signatures per second with node:crypto, synchronously, on `threads` threads at once (one per core:
 * the minting limit), and the CPU time one signature takes (µs, from the threads' own CPU time).
 */
export async function signingLimit(threads: number, seconds: number): Promise<{ perSecond: number; cpuMicros: number }> {
  const { keys } = JSON.parse(readFileSync(testKeys, 'utf8')) as { keys: Array<{ privateJwk: object }> };
  const worker = new URL('./references/signing-worker.mjs', import.meta.url);
  const counts = await Promise.all(
    Array.from({ length: threads }, () => {
      const thread = new Worker(worker, { workerData: { privateJwk: keys[0]!.privateJwk, seconds } });
      return new Promise<{ count: number; cpuMs: number }>((resolve, reject) => {
        thread.once('message', resolve);
        thread.once('error', reject);
      });
    }),
  );
  const count = counts.reduce((sum, c) => sum + c.count, 0);
  return { perSecond: count / seconds, cpuMicros: (counts.reduce((sum, c) => sum + c.cpuMs, 0) * 1000) / count };
}

/** Milliseconds for `count` RSA-2048 key pairs generated at once with jose (WebCrypto, libuv's threadpool): what a fresh start must wait for. */
export async function keyGenerationMs(count: number): Promise<number> {
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, () => generateKeyPair('RS256', { modulusLength: 2048, extractable: true })));
  return performance.now() - started;
}
