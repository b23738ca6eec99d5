// A signing thread of the batched ceiling (worker-signer.mjs): takes a batch of JWS signing inputs in one message,
// signs each with node:crypto synchronously (RS256) and answers with the signatures (base64url) in one message.
// workerData: { privateJwk }.
import { createPrivateKey, sign } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const key = createPrivateKey({ key: workerData.privateJwk, format: 'jwk' });
parentPort.on('message', ({ batch, inputs }) => {
  parentPort.postMessage({ batch, signatures: inputs.map((input) => sign('sha256', Buffer.from(input, 'latin1'), key).toString('base64url')) });
});
