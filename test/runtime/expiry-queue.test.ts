import t from 'tap';
import { ExpiryQueue } from '../../src/runtime/expiry-queue.js';

t.test('keys come out soonest first, only once expired, at most `limit` at a time', async (t) => {
  const queue = new ExpiryQueue<string>();
  queue.set('c', 30);
  queue.set('a', 10);
  queue.set('b', 20);
  t.equal(queue.size, 3);
  t.same(queue.takeExpired(9), [], 'nothing before its time');
  t.same(queue.takeExpired(20, 1), ['a'], 'the limit holds');
  t.same(queue.takeExpired(20), ['b'], 'at its time exactly');
  t.same([queue.size, queue.has('c'), queue.expiresAt('c')], [1, true, 30]);
  queue.clear();
  t.equal(queue.size, 0);
});

t.test('set moves a key (later or sooner); delete removes it from anywhere', async (t) => {
  const queue = new ExpiryQueue<number>();
  for (let i = 0; i < 10; i++) queue.set(i, i * 10);
  queue.set(0, 1000);
  queue.set(9, 5);
  t.ok(queue.delete(4));
  t.notOk(queue.delete(4), 'twice: nothing to delete');
  t.same(queue.takeExpired(Infinity), [9, 1, 2, 3, 5, 6, 7, 8, 0]);
});

t.test('matches a plain model under random operations', async (t) => {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const queue = new ExpiryQueue<number>();
  const model = new Map<number, number>();
  let now = 0;
  for (let step = 0; step < 5000; step++) {
    const key = Math.floor(random() * 200);
    const roll = random();
    if (roll < 0.5) {
      const at = now + Math.floor(random() * 100);
      queue.set(key, at);
      model.set(key, at);
    } else if (roll < 0.7) {
      if (queue.delete(key) !== model.delete(key)) t.fail(`step ${step}: delete ${key}`);
    } else {
      now += Math.floor(random() * 20);
      const taken = queue.takeExpired(now, 5);
      const due = [...model].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
      const times = taken.map((k) => model.get(k)).join();
      if (
        times !==
        due
          .slice(0, 5)
          .map(([, at]) => at)
          .join()
      )
        t.fail(`step ${step}: took ${times}, not the soonest in order`);
      for (const k of taken) model.delete(k);
    }
    if (queue.size !== model.size) t.fail(`step ${step}: size ${queue.size}, model ${model.size}`);
  }
  t.equal(queue.size, model.size);
});
