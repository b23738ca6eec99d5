import type { TokenUse } from '../config/types.js';
import type { KeyInfo } from '../keys/key-ring.js';
import { adminToken, callControlApi, defaultServerUrl } from './control-client.js';
import { integerFlag, oneOf, parse, urlFlag, type Command } from './usage.js';

export const rotateCommand: Command = {
  name: 'rotate',
  summary: 'rotate the signing keys of a running server',
  help: `Usage: mock-idp rotate [options]

Adds a new signing key (per pool and token use) to a running server. The new key
is published at once; the key it replaces keeps being published for the overlap
(default: the longest token lifetime plus the clock tolerance), so tokens it
signed stay valid.

Options:
  --url URL              server (default ${defaultServerUrl})
  --admin-token TOKEN    the server's admin token, if it has one
                         (default: MOCK_IDP_ADMIN_TOKEN)
  --pool ID              only this pool (default: every pool)
  --type id|access       only this token use (default: both)
  --pre-publish SECONDS  publish the new key this long before it signs
  --json                 print the new keys as JSON
  -h, --help             show this help`,

  async run({ args, env, stdout }) {
    const { values } = parse('rotate', args, {
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      pool: { type: 'string' },
      type: { type: 'string' },
      'pre-publish': { type: 'string' },
      json: { type: 'boolean' },
    });
    const body: Record<string, unknown> = {};
    if (values.pool) body.pool = values.pool;
    const use = oneOf<TokenUse>('rotate', 'type', values.type, ['id', 'access']);
    if (use) body.tokenUse = use;
    const lead = integerFlag('rotate', 'pre-publish', values['pre-publish'], 0, 30 * 86_400);
    if (lead !== undefined) body.prePublishSeconds = lead;
    const { rotated } = await callControlApi<{ rotated: KeyInfo[] }>(
      urlFlag('rotate', 'url', values.url) ?? defaultServerUrl,
      'POST',
      '/keys/rotate',
      body,
      await adminToken(values['admin-token'], env),
    );
    if (values.json) {
      stdout(JSON.stringify(rotated, null, 2));
    } else {
      for (const key of rotated) stdout(`${key.pool}  ${key.use.padEnd(6)}  ${key.kid}  ${key.state} (signs from ${key.activatesAt})`);
    }
    return 0;
  },
};
