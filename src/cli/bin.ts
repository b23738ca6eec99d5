#!/usr/bin/env node
/**
 * The `mock-idp` process: runs {@link main} with the process's arguments, environment and streams,
 * and owns what only a process has: the stop signals (SIGINT, SIGTERM), a stdout whose reader has
 * gone, the exit code, and a last-resort exit when something stays open.
 */
import { installUint8ArrayToBase64 } from '../runtime/uint8array-to-base64.js';
import { main } from './main.js';

// jose encodes token parts with the runtime's native base64 where there is one; Node 20 has none (see the module).
installUint8ArrayToBase64();

/** How long a finished command may wait for its event loop to empty before it exits regardless. */
const exitGraceMs = 2000;

// A reader that stops early (`mock-idp scenarios | head -3`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

const stopSignal = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
});

const exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  // Touched only when read (`verify -`): opening stdin can hold a handle the exit would then wait for.
  stdin: { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() },
  logStream: process.stderr,
  stopSignal,
});
process.exitCode = exitCode;

// The command is done; Node exits once nothing holds its event loop. Should a library have left something open
// (mongodb-memory-server once left a failed download's socket open for a minute), exit anyway, saying what it was:
// `docker stop` allows 10 s before SIGKILL. The timer is unref'd, so it never delays a clean exit.
setTimeout(() => {
  const open = process.getActiveResourcesInfo().filter((resource) => resource !== 'Timeout');
  process.stderr.write(`mock-idp: exiting; still open after ${exitGraceMs} ms: ${open.join(', ') || 'nothing'}\n`);
  process.exit();
}, exitGraceMs).unref();
