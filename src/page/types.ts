/**
 * Shapes the page reads that are not the control API's: the App Services
 * login's answer as the page collects it, and `page/matrix.json`. The control
 * API's answers are in `wire.ts`, shared with the server.
 */
import type { TokenUse, Verdict } from './wire.js';

/** What the App Services login answered. */
export interface LoginOutcome {
  status: number;
  body: { user_id?: string; access_token?: string; error?: string; error_code?: string } | null;
  /** The user's profile (`GET /api/client/v2.0/auth/profile`) after a successful login. */
  profile: { data?: Record<string, unknown> } | null;
}

/** `page/matrix.json`, written by `npm run matrix -- --write-json`. */
export interface MatrixData {
  tables: Array<{
    tokenUse: TokenUse;
    columns: Array<{ library: string; header: string }>;
    rows: Array<{ scenario: string; expected: Verdict; cells: Array<{ text: string; asExpected: boolean; note: string | null; fix: string | null }> }>;
    legend: string[];
  }>;
}
