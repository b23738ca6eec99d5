import { join } from 'node:path';
import t from 'tap';
import { call, startTestIdp } from '../helpers/idp.js';
import { cannotLockFolders, lockableFolder } from '../helpers/lockable-folder.js';

const skip = cannotLockFolders() ?? false;

t.test('a keys file that cannot be written: rotations and mints fail with KEYS_NOT_SAVED until a write succeeds', { skip }, async (t) => {
  const { dir, lock, unlock } = lockableFolder(t);
  const idp = await startTestIdp(t, { config: { keys: { file: join(dir, 'keys.json') } } });
  const before = await call(idp, 'GET', '/_mock/keys');
  lock();

  const rotated = await call(idp, 'POST', '/_mock/keys/rotate', {});
  t.equal(rotated.status, 500, 'the rotation is not answered as done');
  t.equal(rotated.body.code, 'KEYS_NOT_SAVED');
  t.match(rotated.body.message, /could not be written/);

  const minted = await call(idp, 'POST', '/_mock/tokens', {});
  t.equal(minted.status, 500, 'no token is handed out while the newest keys are unsaved');
  t.equal(minted.body.code, 'KEYS_NOT_SAVED');

  unlock();
  const retry = await call(idp, 'POST', '/_mock/tokens', {});
  t.equal(retry.status, 200, 'once the folder is writable again, the keys are saved and minting goes on');
  const after = await call(idp, 'GET', '/_mock/keys');
  t.ok(after.body.keys.length > before.body.keys.length, 'the rotated key is kept');
});

t.test('a keys file that cannot be written fails the start', { skip }, async (t) => {
  const { dir, lock } = lockableFolder(t);
  lock();
  await t.rejects(startTestIdp(t, { config: { keys: { file: join(dir, 'keys.json') } } }), { code: 'KEYS_NOT_SAVED' }, 'the file does not exist yet and cannot be made');
});
