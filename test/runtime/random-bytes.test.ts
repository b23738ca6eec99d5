import t from 'tap';
import { pooledRandomBytes } from '../../src/runtime/random-bytes.js';

t.test('draws are the asked size, each a copy of its own, never the same bytes twice', async (t) => {
  const seen = new Set<string>();
  let long = 0;
  let wrongSize = 0;
  // Well past several refills of the 4 KiB pool, with sizes that do not divide it (a draw never straddles a refill).
  for (let i = 0; i < 2000; i++) {
    const size = 1 + (i % 37);
    const bytes = pooledRandomBytes(size);
    if (bytes.length !== size) wrongSize++;
    if (size >= 16) {
      long++;
      seen.add(bytes.toString('hex'));
    }
  }
  t.equal(wrongSize, 0, 'each draw is the size asked');
  t.equal(seen.size, long, 'no draw of 16 bytes or more repeats');

  const a = pooledRandomBytes(32);
  const copy = Buffer.from(a);
  a.fill(0);
  t.not(pooledRandomBytes(32).equals(Buffer.alloc(32)), 'writing to a draw does not reach the pool');
  t.not(copy.equals(Buffer.alloc(32)));
});

t.test('a draw larger than a quarter of the pool comes straight from the CSPRNG', async (t) => {
  const big = pooledRandomBytes(2048);
  t.equal(big.length, 2048);
  t.not(big.equals(Buffer.alloc(2048)));
});
