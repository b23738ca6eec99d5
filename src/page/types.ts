/**
 * The shapes of the answers the page reads, as the server's public surfaces
 * send them (README, "Control API"). Only the fields the page uses.
 */

export type TokenUse = 'id' | 'access';

export type Verdict = { accept: true } | { accept: false; code: string };

export interface ClientInfo {
  id: string;
  name: string;
  secret: string | null;
}

export interface UserInfo {
  username: string;
  groups: string[];
}

export interface PoolInfo {
  id: string;
  issuer: string;
  jwksUri: string;
  clients: ClientInfo[];
  users: UserInfo[];
}

/** `GET /_mock/pools` */
export interface PoolsResponse {
  defaultPool: string;
  pools: PoolInfo[];
}

/** An entry of `GET /_mock/scenarios`. */
export interface ScenarioInfo {
  name: string;
  title: string;
  explanation: string;
  advice: string;
  expected: Verdict;
  signer: string;
}

/** `POST /_mock/tokens` */
export interface MintResponse {
  token: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown> | null;
  scenario: string;
  expected: Verdict;
  explanation: string;
  pool: string;
  client: string;
  user: string;
  tokenUse: TokenUse;
  signedWith: { kid: string; state: string } | null;
}

export interface CheckRow {
  id: string;
  label: string;
  status: 'passed' | 'failed' | 'skipped';
  detail: string;
  code?: string;
  message?: string;
}

/** `POST /_mock/verify` */
export interface VerifyReport {
  verdict: { accept: true } | { accept: false; code: string; message: string };
  checks: CheckRow[];
  verifier: { issuer: string; jwksUri: string; clientId: string; tokenUse: TokenUse; now: string };
  jwks: { kids: string[] | null };
}

export type KeyState = 'pending' | 'active' | 'retiring' | 'retired';

/** An entry of `GET /_mock/keys`. */
export interface KeyInfo {
  kid: string;
  pool: string;
  use: TokenUse;
  state: KeyState;
  createdAt: string;
  activatesAt: string;
  supersededAt: string | null;
  retiresAt: string | null;
}

/** `GET /_mock/clock` */
export interface ClockState {
  now: string;
  epochSeconds: number;
  offsetSeconds: number;
  fixed: boolean;
}

/** An entry of `GET /_mock/app-services/apps`. */
export interface AppInfo {
  appId: string;
  name: string;
  loginUrl: string;
  provider: { disabled: boolean; signingAlgorithm: string; audience: string[] } | null;
}

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
    rows: Array<{ scenario: string; expected: Verdict; cells: Array<{ text: string; asExpected: boolean; note: string | null }> }>;
    legend: string[];
  }>;
}
