import { MockIdpError } from '../errors.js';
import { UsageError } from './usage.js';

/**
 * A config error about a value a flag gave, in the flag's name: the loader
 * says `options: "adminToken" must be …` (it knows no flags), the CLI says
 * `--admin-token must be …` (a usage error, exit 2). `flags` maps config key
 * paths (`appServices.mongodbUri`, `allowedHosts` for any of its items) to
 * the flags that set them; any other error is returned as it is.
 */
export function inFlagTerms(error: unknown, command: string, flags: Record<string, string>): unknown {
  if (!(error instanceof MockIdpError) || error.code !== 'INVALID_CONFIG' || !error.message.startsWith('options: ')) return error;
  const flag = flags[String(error.details?.path ?? '').replace(/\[\d+\]$/, '')];
  const problem = error.details?.problem;
  return flag && typeof problem === 'string' ? new UsageError(`--${flag} ${problem}`, command) : error;
}
