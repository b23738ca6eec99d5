import type { Test } from 'tap';
import { errorCodes } from '../../src/errors.js';

/**
 * Checks a control-API error response: the status and code expected, and the
 * body `{statusCode, code, error, message}` (plus optional `details`), never a 500.
 */
export function assertErrorBody(t: Test, res: { status: number; body: any }, status: number, code: string, what = code): void {
  t.equal(res.status, status, `${what}: status ${status}`);
  t.equal(res.body?.code, code, `${what}: code ${code}`);
  t.equal(res.body?.statusCode, res.status, `${what}: statusCode is the HTTP status`);
  t.equal(errorCodes[code as keyof typeof errorCodes]?.status, status, `${what}: the documented status of ${code}`);
  t.type(res.body?.error, 'string', `${what}: error`);
  t.type(res.body?.message, 'string', `${what}: message`);
  const extra = Object.keys(res.body ?? {}).filter((k) => !['statusCode', 'code', 'error', 'message', 'details'].includes(k));
  t.same(extra, [], `${what}: no other fields`);
}
