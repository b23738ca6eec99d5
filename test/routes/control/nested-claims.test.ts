import t from 'tap';
import { startTestIdp } from '../../helpers/idp.js';

const nestedText = (depth: number) => '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);
t.test('probe', async (t) => {
  const idp = await startTestIdp(t);
  for (const [p, b] of [
    ['/_mock/tokens', `{"claims":${nestedText(10000)}}`],
    ['/_mock/tokens', `{"claims":{"x":${nestedText(100)}}}`],
    ['/_mock/verify', `{"token":"x","expect":${nestedText(10000)}}`],
    ['/api/client/v2.0/app/x/auth/providers/custom-token/login', `{"token":"x","options":${nestedText(10000)}}`],
  ] as const) {
    const res = await fetch(idp.url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
    console.log(p, res.status, (await res.text()).slice(0, 300));
  }
});
