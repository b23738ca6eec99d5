import t from 'tap';
import { MemoryStore } from '../../../src/app-services/store/memory-store.js';
import { storeContract } from './contract.js';

console.log('# store contract: memory store ran');

t.test('MemoryStore keeps the Store contract', async (t) => {
  storeContract(t, async () => new MemoryStore());
});

t.test('MemoryStore says it is the memory store', async (t) => {
  const store = new MemoryStore();
  t.equal(store.kind, 'memory');
  t.match(store.description, /lost on restart/);
  t.equal(new MemoryStore({ description: 'why' }).description, 'why');
});
