// Another way to sign than mock-idp's, for the ceilings (ceiling-answers.mjs with `{ signer: 'workers' }`): one
// worker thread per core signing synchronously, each request's signing inputs gathered for the rest of the event
// loop's turn and sent as batches, one per thread, so that one message (a hand-off each way) carries several
// signatures where libuv's threadpool takes one job per signature. Measured beside the threadpool's ceiling, it
// says whether the ceiling is the machine's or the threadpool's.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** `sign(input)`: a promise of the RS256 signature (base64url) of the ASCII `input`, with `privateJwk`. */
export function workerSigner(privateJwk) {
  const threads = Array.from({ length: availableParallelism() }, () => {
    const worker = new Worker(new URL('./batch-signing-worker.mjs', import.meta.url), { workerData: { privateJwk } });
    const thread = { worker, waiting: new Map(), pending: 0 };
    worker.on('message', ({ batch, signatures }) => {
      const resolvers = thread.waiting.get(batch);
      thread.waiting.delete(batch);
      thread.pending -= resolvers.length;
      resolvers.forEach((resolve, i) => resolve(signatures[i]));
    });
    worker.unref();
    return thread;
  });
  let queue = [];
  let batches = 0;
  const flush = () => {
    const gathered = queue;
    queue = [];
    const size = Math.ceil(gathered.length / threads.length);
    for (let at = 0; at < gathered.length; at += size) {
      const part = gathered.slice(at, at + size);
      const thread = threads.reduce((least, t) => (t.pending < least.pending ? t : least));
      const batch = batches++;
      thread.waiting.set(
        batch,
        part.map((p) => p.resolve),
      );
      thread.pending += part.length;
      thread.worker.postMessage({ batch, inputs: part.map((p) => p.input) });
    }
  };
  return (input) =>
    new Promise((resolve) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ input, resolve });
    });
}
