import { request as httpRequest } from 'node:http';
import t from 'tap';
import { startTestIdp } from '../helpers/idp.js';

t.test('probe', async (t) => {
  const idp = await startTestIdp(t);
  for (const [what, size, headers] of [
    ['close', 2 << 20, { connection: 'close' }],
    ['chunked', 2 << 20, { 'transfer-encoding': 'chunked' }],
    ['50MB', 50 << 20, {}],
    ['50MB chunked', 50 << 20, { 'transfer-encoding': 'chunked' }],
  ] as const) {
    const big = Buffer.alloc(size, 'a');
    const path = '/_mock/tokens';
    const started = Date.now();
    await new Promise<void>((resolve) => {
      const h: Record<string, string | number> = { 'content-type': 'application/json', ...headers };
      if (!('transfer-encoding' in headers)) h['content-length'] = big.length;
      const req = httpRequest(idp.url + path, { method: 'POST', headers: h }, (res) => {
        let text = ''; res.on('data', (c) => (text += c)); res.on('end', () => { console.log(what, res.statusCode, text.slice(0, 40), Date.now() - started); resolve(); });
      });
      req.on('error', (e) => { console.log(what, 'ERR', (e as any).code, Date.now() - started); resolve(); });
      for (let i = 0; i < size; i += 65536) req.write(big.subarray(i, i + 65536));
      req.end();
    });
  }
});
