import t from 'tap';
import { loadConfig } from '../../src/config/load-config.js';
import { ResetRegistry, type ResetOptions } from '../../src/runtime/reset-registry.js';
import { createServices } from '../../src/services.js';
import { testKeysFile } from '../helpers/idp.js';

t.test('resets run one after the other, in the order added, with the options asked for', async (t) => {
  const resets = new ResetRegistry();
  const ran: string[] = [];
  const first = {};
  resets.add('first', first, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    ran.push('first');
  });
  resets.add('second', {}, (options: ResetOptions) => void ran.push(`second ${options.keys} ${options.appServices}`));
  await resets.resetAll({ keys: true, appServices: false });
  t.same(ran, ['first', 'second true false']);
  t.same(resets.names, ['first', 'second']);
  t.ok(resets.covers(first));
  t.notOk(resets.covers({}));
  t.throws(() => resets.add('first', {}, () => {}), /registered already/, 'one reset per name');
});

t.test('every service that can be reset or cleared has its reset registered', async (t) => {
  const loaded = await loadConfig({ overrides: { keys: { seedFile: testKeysFile }, appServices: { store: 'memory' } } });
  const services = await createServices(loaded);
  t.teardown(() => services.store.close());
  const resettable = Object.entries(services).filter(
    ([, value]) => typeof value === 'object' && value !== null && ['reset', 'clear', 'resetPools', 'regenerate'].some((m) => typeof (value as Record<string, unknown>)[m] === 'function'),
  );
  t.ok(resettable.length >= 10, `found: ${resettable.map(([name]) => name).join(', ')}`);
  for (const [name, service] of resettable) t.ok(services.resets.covers(service), `${name} is reset by POST /_mock/reset`);
  t.equal(services.resets.names[0], 'clock', 'the clock first: the other resets read it');
});
