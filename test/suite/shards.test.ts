import { readdirSync } from 'node:fs';
import t from 'tap';
import { claimQueue, queuedFiles, shardFiles, soloFiles, testFiles } from '../helpers/shard.js';

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

t.test('shards sharing a queue claim every file once between them, the slow kinds first', async (t) => {
  const files = queuedFiles();
  t.same([...files].sort(), [...testFiles().filter((file) => !soloFiles().has(file))].sort(), 'the queue holds every file not run alone');
  t.ok(files.indexOf('test/keys/crash-restart.test.ts') < files.indexOf('test/verifier/claims.test.ts'), 'a file that starts processes comes before one that does not');
  const dir = t.testdir();
  const shards = [claimQueue(dir, files), claimQueue(dir, files), claimQueue(dir, files)];
  const claimed: string[][] = [[], [], []];
  for (let round = 0; claimed.flat().length < files.length && round < files.length; round++) {
    shards.forEach((take, i) => {
      const file = take();
      if (file !== undefined) claimed[i]!.push(file);
    });
  }
  t.same(claimed.flat().sort(), [...files].sort(), 'each file claimed by exactly one shard');
  t.ok(
    claimed.every((mine) => mine.length > 0),
    'each shard got work',
  );
  t.equal(shards[0]!(), undefined, 'nothing left');
});
