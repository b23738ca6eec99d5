/**
 * UnknownKidCooldown alone: nothing holds a refetch back until one starts the
 * cooldown, which lasts exactly `seconds`; a new start restarts it; 0 s never
 * holds anything back. (Through the cache: jwks-cache.test.ts.)
 */
import t from 'tap';
import { UnknownKidCooldown } from '../../src/verifier/unknown-kid-cooldown.js';

t.test('a cooldown runs from its start for exactly its seconds', async (t) => {
  const cooldown = new UnknownKidCooldown(30);
  t.equal(cooldown.sinceStart(0), undefined, 'none before the first start');
  t.equal(cooldown.sinceStart(Number.MAX_SAFE_INTEGER), undefined);
  cooldown.start(1_000_000);
  t.equal(cooldown.sinceStart(1_000_000), 0, 'running from its start');
  t.equal(cooldown.sinceStart(1_029_999), 29_999, 'the time since it started, 1 ms before its end');
  t.equal(cooldown.sinceStart(1_030_000), undefined, 'over at 30 s');
  cooldown.start(1_030_000);
  t.equal(cooldown.sinceStart(1_040_000), 10_000, 'a new start restarts it');
  t.equal(cooldown.seconds, 30);
});

t.test('0 s: nothing is ever held back', async (t) => {
  const cooldown = new UnknownKidCooldown(0);
  cooldown.start(5);
  t.equal(cooldown.sinceStart(5), undefined);
});
