import { readdirSync } from 'node:fs';
import t from 'tap';
import { shardFiles, soloFiles, testFiles } from '../helpers/shard.js';

t.test('the shards and the files run alone together run every test file once', async (t) => {
  const all = testFiles();
  t.ok(all.includes('test/suite/shards.test.ts'), 'this file among them');
  t.notOk(
    all.some((file) => file.startsWith('test/shards/')),
    'not the shards themselves',
  );
  const count = readdirSync(new URL('../shards/', import.meta.url)).filter((name) => name.endsWith('.test.ts')).length;
  const dealt = Array.from({ length: count }, (_, index) => shardFiles(index, count)).flat();
  const solo = [...soloFiles()];
  t.ok(
    solo.every((file) => all.includes(file)),
    'every file run alone exists',
  );
  t.same([...dealt, ...solo].sort(), all, 'each file in exactly one shard, or alone');
});
