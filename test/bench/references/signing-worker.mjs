// The physical limit for minting: RSA-2048 PKCS#1 v1.5 SHA-256 signatures with
// node:crypto, synchronously, on this thread, for a while. The harness runs one
// per core at once. workerData: { privateJwk, seconds }; posts the count.
import { createPrivateKey, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const key = createPrivateKey({ key: workerData.privateJwk, format: 'jwk' });
const input = Buffer.from(`eyJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.${Buffer.from(JSON.stringify({ sub: 'a', token_use: 'access', iat: 1, exp: 2 })).toString('base64url')}`);
const until = performance.now() + workerData.seconds * 1000;
let count = 0;
while (performance.now() < until) {
  sign('sha256', input, key);
  count++;
}
parentPort.postMessage(count);
