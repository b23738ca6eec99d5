// The physical limit for minting: RSA-2048 PKCS#1 v1.5 SHA-256 signatures with
// node:crypto, synchronously, on this thread, for a while. The harness runs one
// per core at once. workerData: { privateJwk, seconds }; posts the count and
// the CPU time this thread used (ms, from /proc/thread-self/stat, Linux): on a
// machine shared with other work, signatures per CPU second stay what they are
// when signatures per second do not.
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const key = createPrivateKey({ key: workerData.privateJwk, format: 'jwk' });
const input = Buffer.from(`eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.${Buffer.from(JSON.stringify({ sub: 'a', token_use: 'access', iat: 1, exp: 2 })).toString('base64url')}`);
const cpuMs = () => {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const cpuBefore = cpuMs();
const until = performance.now() + workerData.seconds * 1000;
let count = 0;
while (performance.now() < until) {
  sign('sha256', input, key);
  count++;
}
parentPort.postMessage({ count, cpuMs: cpuMs() - cpuBefore });
