/** Regression: a token signed by a freshly rotated key used to be handed out before the keys file held that key. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { startTestIdp } from '../helpers/idp.js';

t.test('a token is handed out only once the key that signed it is in the keys file', async (t) => {
  const file = join(t.testdir(), 'keys.json');
  const idp = await startTestIdp(t, { keyFactory: await fastKeyFactory(), config: { keys: { file } } });
  for (let i = 0; i < 5; i++) {
    await idp.rotate({ tokenUse: 'id' });
    const { token, signedWith } = await idp.mint({ tokenUse: 'id' });
    // Read synchronously, at once: no write may still be under way for this key.
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { keys: Array<{ kid: string }> };
    t.ok(
      saved.keys.some((k) => k.kid === signedWith!.kid),
      `rotation ${i}: the signing key is saved before the token (${token.slice(0, 12)}…) is returned`,
    );
  }
  const rotated = await idp.app.inject({ method: 'POST', url: '/_mock/keys/rotate', payload: { tokenUse: 'access' } });
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { keys: Array<{ kid: string }> };
  for (const key of rotated.json<{ rotated: Array<{ kid: string }> }>().rotated)
    t.ok(
      saved.keys.some((k) => k.kid === key.kid),
      'POST /_mock/keys/rotate answers once its keys are saved',
    );
});
