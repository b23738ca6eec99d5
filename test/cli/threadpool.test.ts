import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import t from 'tap';
import { startServe, testKeysConfig } from '../helpers/cli.js';

// bin/mock-idp.js sizes libuv's threadpool before Node's module loader starts it. Its threads are counted in
// /proc: a server started with UV_THREADPOOL_SIZE=7 has exactly that many, so the difference is the CLI's choice.
// Without NODE_OPTIONS, as a user starts it: tap puts its own in every child's environment, an ES module preloaded
// with --import, which would start the pool before the CLI's first line runs.
t.test(
  "the CLI gives libuv's threadpool one thread per core (2 to 16), and keeps a UV_THREADPOOL_SIZE that is set",
  { skip: existsSync('/proc/self/task') ? false : 'needs /proc (Linux)' },
  async (t) => {
    const config = await testKeysConfig(t.testdir({}));
    const threads = async (size: string) => {
      const server = await startServe(['--port', '0', '--config', config, '--log-level', 'warn'], { UV_THREADPOOL_SIZE: size }, ['env', '-u', 'NODE_OPTIONS']);
      try {
        t.equal((await fetch(`${server.url}/.well-known/jwks.json`)).status, 200);
        return (await readdir(`/proc/${server.child.pid}/task`)).length;
      } finally {
        await server.stop();
      }
    };
    // Empty is unset, as the CLI reads it.
    const chosen = await threads('');
    const seven = await threads('7');
    t.equal(seven - chosen, 7 - Math.min(16, Math.max(2, availableParallelism())), 'the CLI chose one thread per core');
  },
);
