import t from 'tap';
import { probeMongod } from '../../../src/app-services/store/mongod-probe.js';

t.test('probeMongod never downloads and answers quickly', async (t) => {
  const started = Date.now();
  // .invalid never resolves (RFC 2606), so without a local binary the answer is "no".
  const probe = await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 1000 });
  t.ok(Date.now() - started < 2500);
  if (probe.available) {
    t.not(probe.source, 'download', 'only a local binary can make it available');
    t.type(probe.binary, 'string');
  } else {
    t.match(probe.reason, /mongod-download\.invalid does not resolve/);
  }
});
