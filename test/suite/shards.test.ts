import t from 'tap';
import { shardFiles, testFiles } from '../helpers/shard.js';

t.test('the shards together run every test file once', async (t) => {
  const all = testFiles();
  t.ok(all.includes('test/suite/shards.test.ts'), 'this file among them');
  t.notOk(all.some((file) => file.startsWith('test/shards/')), 'not the shards themselves');
  const count = 4;
  const dealt = Array.from({ length: count }, (_, index) => shardFiles(index, count)).flat();
  t.same([...dealt].sort(), all, 'each file in exactly one shard');
});
