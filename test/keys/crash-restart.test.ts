/**
 * SIGKILL in the middle of rotations: the keys file is always loadable, and
 * every token the server handed out before the kill still verifies against
 * the restarted server's JWKS. The real CLI, killed at varied points (right
 * after a rotation is answered, with rotations in flight, right after a mint).
 */
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import t from 'tap';
import { readKeysFile } from '../../src/keys/key-file.js';
import { createVerifier } from '../../src/verifier/index.js';
import { startServe, testKeysFileCopy, type ServeProcess } from '../helpers/cli.js';

const pool = 'us-east-1_LocalPool';
const spa = '1vngm1viu6qqksk0qckq8aag7p';
const publicUrl = 'http://127.0.0.1:4455';

async function post(server: ServeProcess, path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The CLI serving from (and saving to) `keysFile`. */
const serveWith = (keysFile: string) => startServe(['--port', '0', '--keys-file', keysFile, '--public-url', publicUrl, '--log-level', 'warn']);

async function kill(server: ServeProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await once(server.child, 'exit');
}

t.test('SIGKILL during rotations: the keys file always loads, and every token served still verifies after a restart', async (t) => {
  const dir = t.testdir();
  // The first start loads a copy of the committed test keys: the rotations below are what make (and write) keys.
  const keysFile = await testKeysFileCopy(dir);
  const served: string[] = [];
  // Two kills: one with rotations in flight (round 0), one right after a mint answered with a freshly rotated key (round 1),
  // each on a different token use; then a last start that checks every token served.
  const restarts = 2;
  for (let round = 0; round <= restarts; round++) {
    const server = await serveWith(keysFile);
    t.ok(await readKeysFile(keysFile), `round ${round}: the keys file loads`);

    // Every token served so far verifies against this server (a fresh verifier: no cached keys).
    const verifier = createVerifier({ issuer: `${publicUrl}/${pool}`, jwksUri: `${server.url}/${pool}/.well-known/jwks.json`, clientId: spa, tokenUse: null });
    const verdicts = await Promise.all(
      served.map((token) =>
        verifier.verify(token).then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    t.same(
      verdicts.filter((v) => v !== 'ok'),
      [],
      `round ${round}: the ${served.length} tokens served before still verify`,
    );
    if (round === restarts) {
      await server.stop();
      break;
    }

    // Rotate one key (RSA generation, then the file write), and mint with the new key at once.
    const rotated = await post(server, '/_mock/keys/rotate', { pool, tokenUse: round % 2 ? 'id' : 'access' });
    t.equal(rotated.status, 200);
    const minted = await post(server, '/_mock/tokens', { user: 'alice', client: spa, tokenUse: round % 2 ? 'id' : 'access' });
    served.push(minted.body.token as string);
    if (round % 2 === 0) {
      // Kill with more rotations in flight (key generation or file writes under way).
      void post(server, '/_mock/keys/rotate', { pool, tokenUse: 'id' }).catch(() => undefined);
      void post(server, '/_mock/keys/rotate', { pool, tokenUse: 'access' }).catch(() => undefined);
    }
    await kill(server);
  }
  const leftovers = (await readdir(dir)).filter((name) => name !== 'keys.json');
  t.comment(`temp files left by the kills: ${leftovers.length}`);
  t.equal(served.length, restarts);
});

t.test('SIGKILL right after a retirement or a reset with new keys is answered: the restarted server keeps what was answered', async (t) => {
  const keysFile = await testKeysFileCopy(t.testdir());
  const jwksKids = async (server: ServeProcess) => ((await (await fetch(`${server.url}/${pool}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();

  const first = await serveWith(keysFile);
  const rotated = await post(first, '/_mock/keys/rotate', { pool, tokenUse: 'id' });
  t.equal(rotated.status, 200);
  const retiring = (rotated.body.keys as { kid: string; pool: string; state: string }[]).find((k) => k.pool === pool && k.state === 'retiring');
  t.ok(retiring, 'the rotation left a retiring key');
  const retired = await post(first, `/_mock/keys/${encodeURIComponent(retiring!.kid)}/retire`, {});
  t.equal(retired.status, 200, 'retired');
  await kill(first); // at once: no other request gives the write time

  const second = await serveWith(keysFile);
  const kids = await jwksKids(second);
  t.notOk(kids.includes(retiring!.kid), 'after the restart, the retired key is not published');
  t.equal(kids.length, 2, "the pool's ID and access keys remain");
  const reset = await post(second, '/_mock/reset', { keys: true });
  t.equal(reset.status, 200);
  const fresh = await jwksKids(second);
  await kill(second);

  const third = await serveWith(keysFile);
  t.teardown(() => third.stop());
  t.same(await jwksKids(third), fresh, 'after a reset with new keys and a kill: the new keys, not the old ones');
});
