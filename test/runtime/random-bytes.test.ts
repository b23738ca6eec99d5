import t from 'tap';
import { pooledRandomBytes } from '../../src/runtime/random-bytes.js';

t.test('draws are the asked size and never the same bytes twice', async (t) => {
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
});

t.test('a draw larger than a quarter of the pool comes straight from the CSPRNG', async (t) => {
  const big = pooledRandomBytes(2048);
  t.equal(big.length, 2048);
  t.notOk(big.equals(Buffer.alloc(2048)));
});
