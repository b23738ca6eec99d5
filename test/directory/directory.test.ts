/**
 * The directory's user lookups: by username (case-insensitive, from an index
 * kept in step with every change), else by sub or email, through sign-ups,
 * deletions and resets.
 */
import t from 'tap';
import { newUser } from '../../src/cognito/new-user.js';
import { MockIdpError } from '../../src/errors.js';
import { startTestIdp } from '../helpers/idp.js';

t.test('users by username (any case), email or sub; the index follows adds, removals and resets', async (t) => {
  const idp = await startTestIdp(t);
  const directory = idp.services.directory;
  const pool = directory.pool();
  const alice = directory.user(pool, 'alice');
  t.equal(directory.user(pool, 'ALICE'), alice, 'the username in any case');
  t.equal(directory.user(pool, alice.attributes.email!.toUpperCase()), alice, 'the email, in any case');
  t.equal(directory.user(pool, alice.sub), alice, 'the sub');
  t.equal(directory.user(pool), pool.users[0], 'no name: the first user');
  t.throws(() => directory.user(pool, 'nobody'), MockIdpError, 'an unknown user');
  t.equal(directory.findUser(pool, 'nobody'), undefined);

  const zed = directory.addUser(pool, newUser({ pool: pool.id, username: 'Zed', password: 'x', status: 'CONFIRMED', attributes: {} }));
  const shadowed = directory.addUser(pool, newUser({ pool: pool.id, username: 'ZED', password: 'y', status: 'CONFIRMED', attributes: {} }));
  t.equal(directory.findUser(pool, 'zed'), zed, 'a user added at run time; of two that differ only in case, the first');
  t.equal(directory.findUser(pool, shadowed.sub), shadowed, 'the second still by its sub');
  t.ok(directory.removeUser(pool, 'Zed'));
  t.equal(directory.findUser(pool, 'zed'), shadowed, 'once the first is removed, the other is found by its name');
  t.ok(directory.removeUser(pool, 'alice'));
  t.equal(directory.findUser(pool, 'alice'), undefined, 'a removed fixture user is gone');

  directory.resetPools();
  t.equal(directory.findUser(pool, 'zed'), undefined, 'after a reset, run-time users are gone');
  t.same(directory.findUser(pool, 'Alice'), alice, 'and the fixture users are back');
  t.not(directory.findUser(pool, 'Alice'), alice, 'as fresh copies of their fixture state');
});
