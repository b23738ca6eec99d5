/**
 * The multi-request flows as conversations a driver holds with a running server: one sign-in (or pool) per call,
 * each request after the other, the way an app and its test suite talk to mock-idp. `npm run bench` times them
 * (test/bench/flows.ts) and `npm run soak` repeats them to see that memory stays flat (test/soak/soak.ts); the
 * suite runs each a few times and counts what the server holds (test/soak/flow-growth.test.ts).
 *
 * Each flow is set up first (its pool, users, passkeys or TOTP secrets, through the AWS SDK and the JSON API),
 * then called once per conversation turn. Codes are read through the control API, at the server's time.
 */
import { CognitoIdentityProviderClient, type ExplicitAuthFlowsType } from '@aws-sdk/client-cognito-identity-provider';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { alice, localPool, spa } from './cognito.js';
import { enableTotp } from './mfa.js';
import { passkeyPool, registerPasskey } from './passkeys.js';
import { SoftwareAuthenticator, type RequestOptionsJson } from './software-authenticator.js';
import { formatTimestamp } from '../../src/cognito/srp.js';
import { srpClient } from './srp-client.js';
import { userAuthPool } from './user-auth.js';

/** The PreTokenGeneration function the `preToken` flow's pool names; the server's config maps it with {@link preTokenFunctions}. */
const preTokenArn = 'arn:aws:lambda:us-east-1:123456789012:function:bench-pre-token';
const password = 'Choosing-4711-ways!';

/** The `lambda.functions` config the `preToken` flow needs: the triggers guide's example PreTokenGeneration module, run in-process. */
export const preTokenFunctions = () => ({ [preTokenArn]: { module: fileURLToPath(new URL('../../examples/triggers/triggers/pre-token-generation.mjs', import.meta.url)) } });

/** One conversation of a flow, by conversation index; it may return a clean-up (run after its latency is taken). */
export type Flow = (conversation: number) => Promise<(() => Promise<unknown>) | void>;

export type Json = Record<string, any>;

/** The driver: JSON over node:http with a keep-alive agent, one socket per conversation. */
export function driver(base: string, sockets: number) {
  const { hostname, port } = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Json>((resolve, reject) => {
      const req = request({ host: hostname, port, method, path, agent, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text) as Json) : reject(new Error(`${method} ${path} ${headers['x-amz-target'] ?? ''} → ${res.statusCode}: ${text}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    cognito: (operation: string, input: Json) =>
      send('POST', '/', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` }, JSON.stringify(input)),
    get: (path: string) => send('GET', path, {}),
    post: (path: string, input: Json) => send('POST', path, { 'content-type': 'application/json' }, JSON.stringify(input)),
    close: () => agent.destroy(),
  };
}
export type Driver = ReturnType<typeof driver>;

const tokensOf = (answer: Json): Json => {
  if (!answer.AuthenticationResult?.AccessToken) throw new Error(`expected tokens, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.AuthenticationResult as Json;
};
const challenge = (answer: Json, name: string): Json => {
  if (answer.ChallengeName !== name) throw new Error(`expected the ${name} challenge, got ${JSON.stringify(answer).slice(0, 300)}`);
  return answer;
};

function mintFlow(http: Driver): Flow {
  return async () => {
    await http.post('/_mock/tokens', { user: alice.username, tokenUse: 'access' });
  };
}

/** One Cognito API request that does no crypto and changes nothing: what a request costs by itself. */
function requestFlow(http: Driver): Flow {
  return async () => {
    await http.cognito('ListUserPools', { MaxResults: 1 });
  };
}

function passwordFlow(http: Driver): Flow {
  return async () => {
    tokensOf(await http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: spa, AuthParameters: { USERNAME: alice.username, PASSWORD: alice.password } }));
  };
}

/**
 * The password sign-in after two lone requests, in one conversation: the shape of the TOTP and EMAIL_OTP flows (a
 * request, a code read, the sign-in) with none of their work. What the same sign-in costs when only a third of the
 * requests sign (the threadpool's threads sleep between its jobs and must be woken), measured rather than summed.
 */
function signInAfterRequestsFlow(http: Driver): Flow {
  const request = requestFlow(http);
  const signIn = passwordFlow(http);
  return async (conversation) => {
    await request(conversation);
    await request(conversation);
    await signIn(conversation);
  };
}

/** A pool made, then its JWKS read until it has the pool's keys; the pool is deleted after (outside the timed latency, inside the server's CPU). */
function createPoolFlow(http: Driver): Flow {
  let made = 0;
  return async () => {
    const { UserPool } = (await http.cognito('CreateUserPool', { PoolName: `bench-${made++}` })) as { UserPool: { Id: string } };
    const jwks = (await http.get(`/${UserPool.Id}/.well-known/jwks.json`)) as { keys: unknown[] };
    if (jwks.keys.length === 0) throw new Error(`the new pool ${UserPool.Id} published no key`);
    return () => http.cognito('DeleteUserPool', { UserPoolId: UserPool.Id });
  };
}

/**
 * A USER_SRP_AUTH sign-in: SRP_A → PASSWORD_VERIFIER → tokens (the client's exponentiations are the driver's),
 * with `TIMESTAMP` at `now` (the server's time). The answer with the tokens.
 */
export async function srpSignIn(http: Driver, { pool, client, username, password, now }: { pool: string; client: string; username: string; password: string; now: () => number }): Promise<Json> {
  const srp = srpClient(pool);
  const started = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: client, AuthParameters: { USERNAME: username, SRP_A: srp.SRP_A } }), 'PASSWORD_VERIFIER');
  const ChallengeResponses = srp.answer(started.ChallengeParameters as Record<string, string>, password, formatTimestamp(now()));
  const answer = await http.cognito('RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: client, Session: started.Session, ChallengeResponses });
  tokensOf(answer);
  return answer;
}

/** USER_SRP_AUTH as alice. */
function srpFlow(http: Driver, now: () => number): Flow {
  return async () => {
    await srpSignIn(http, { pool: localPool, client: spa, username: alice.username, password: alice.password, now });
  };
}

/** `count` more confirmed users with a password and a verified email in `pool`: user-0, user-1, … */
async function addUsers(http: Driver, pool: string, count: number): Promise<string[]> {
  const usernames = Array.from({ length: count }, (_, i) => `user-${i}`);
  await Promise.all(
    usernames.map(async (Username) => {
      const UserAttributes = [
        { Name: 'email', Value: `${Username}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ];
      await http.cognito('AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS', UserAttributes });
      await http.cognito('AdminSetUserPassword', { UserPoolId: pool, Username, Password: password, Permanent: true });
    }),
  );
  return usernames;
}

/** USER_AUTH, EMAIL_OTP preferred → the code from the control API → tokens. A user per conversation: the latest code is its own. */
async function emailOtpFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const { pool, client } = await userAuthPool(cognito);
  const users = await addUsers(http, pool, conversations);
  return async (conversation) => {
    const USERNAME = users[conversation]!;
    const asked = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }), 'EMAIL_OTP');
    const { codes } = (await http.get(`/_mock/pools/${pool}/users/${USERNAME}/codes`)) as { codes: Array<{ purpose: string; code: string }> };
    const EMAIL_OTP_CODE = codes.filter((c) => c.purpose === 'SIGN_IN').at(-1)!.code;
    tokensOf(await http.cognito('RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: client, Session: asked.Session, ChallengeResponses: { USERNAME, EMAIL_OTP_CODE } }));
  };
}

/** USER_AUTH, WEB_AUTHN preferred → the software authenticator's assertion → tokens. A user and a passkey per conversation (sign counters). */
async function passkeyFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const { pool, client } = await passkeyPool(cognito);
  const users = await addUsers(http, pool, conversations);
  const authenticators = await Promise.all(
    users.map(async (USERNAME) => {
      const signedIn = tokensOf(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: password } }));
      return registerPasskey(cognito, signedIn.AccessToken as string, new SoftwareAuthenticator());
    }),
  );
  return async (conversation) => {
    const USERNAME = users[conversation]!;
    const asked = challenge(await http.cognito('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: client, AuthParameters: { USERNAME, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }), 'WEB_AUTHN');
    const options = JSON.parse(asked.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS as string) as RequestOptionsJson;
    const CREDENTIAL = authenticators[conversation]!.get(options);
    tokensOf(await http.cognito('RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: client, Session: asked.Session, ChallengeResponses: { USERNAME, CREDENTIAL } }));
  };
}

/** USER_PASSWORD_AUTH in a pool whose PreTokenGeneration (V2_0) is the triggers guide's example module. */
async function preTokenFlow(http: Driver): Promise<Flow> {
  const flows: ExplicitAuthFlowsType[] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  const { UserPool } = (await http.cognito('CreateUserPool', {
    PoolName: 'bench-triggers',
    UserPoolTier: 'ESSENTIALS',
    LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: preTokenArn, LambdaVersion: 'V2_0' } },
  })) as { UserPool: { Id: string } };
  const { UserPoolClient } = (await http.cognito('CreateUserPoolClient', { UserPoolId: UserPool.Id, ClientName: 'app', ExplicitAuthFlows: flows })) as { UserPoolClient: { ClientId: string } };
  const [USERNAME] = await addUsers(http, UserPool.Id, 1);
  const signIn = () => http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: UserPoolClient.ClientId, AuthParameters: { USERNAME, PASSWORD: password } });
  const access = JSON.parse(Buffer.from((tokensOf(await signIn()).AccessToken as string).split('.')[1]!, 'base64url').toString()) as { tenant?: string };
  if (access.tenant !== 'example.com') throw new Error('the PreTokenGeneration trigger did not run');
  return async () => {
    tokensOf(await signIn());
  };
}

/**
 * USER_PASSWORD_AUTH → SOFTWARE_TOKEN_MFA → the code from the control API → tokens. A code works once per user
 * (and per 30-second step), so each conversation cycles through its own users, and when a user's turn comes
 * round again in the same step the driver moves the server's clock one step on (POST /_mock/clock), once for
 * everyone, while no code is between being read and being answered.
 */
async function totpFlow(http: Driver, cognito: CognitoIdentityProviderClient, conversations: number): Promise<Flow> {
  const perConversation = 8;
  const { pool, client } = await userAuthPool(cognito, { factors: ['PASSWORD'], flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
  await enableTotp(cognito, 'OPTIONAL', pool);
  const users = await addUsers(http, pool, conversations * perConversation);
  const signIn = (USERNAME: string) => http.cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client, AuthParameters: { USERNAME, PASSWORD: password } });
  const mfaState = (username: string) => http.get(`/_mock/pools/${pool}/users/${username}/mfa`) as Promise<{ totpCode: string | null; pendingTotpCode: string | null }>;
  await Promise.all(
    users.map(async (username) => {
      const AccessToken = tokensOf(await signIn(username)).AccessToken as string;
      await http.cognito('AssociateSoftwareToken', { AccessToken });
      await http.cognito('VerifySoftwareToken', { AccessToken, UserCode: (await mfaState(username)).pendingTotpCode, FriendlyDeviceName: 'phone' });
      await http.cognito('SetUserMFAPreference', { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    }),
  );
  const clock = new StepGate(() => http.post('/_mock/clock', { advanceSeconds: 30 }));
  // The step each user last answered in: its verification's, step 0.
  const lastStep = new Map(users.map((u) => [u, 0]));
  const turns = Array.from({ length: conversations }, () => 0);
  return async (conversation) => {
    const turn = turns[conversation]!;
    turns[conversation] = turn + 1;
    const USERNAME = users[conversation * perConversation + (turn % perConversation)]!;
    const asked = challenge(await signIn(USERNAME), 'SOFTWARE_TOKEN_MFA');
    let step = await clock.enter();
    while (lastStep.get(USERNAME)! >= step) {
      clock.leave();
      await clock.advance();
      step = await clock.enter();
    }
    try {
      const { totpCode } = await mfaState(USERNAME);
      tokensOf(
        await http.cognito('RespondToAuthChallenge', {
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          ClientId: client,
          Session: asked.Session,
          ChallengeResponses: { USERNAME, SOFTWARE_TOKEN_MFA_CODE: totpCode },
        }),
      );
      lastStep.set(USERNAME, step);
    } finally {
      clock.leave();
    }
  };
}

/**
 * The driver's count of the server clock's 30-second steps: conversations `enter` (between reading a code and
 * answering it) and `leave`; `advance` waits until none is inside, moves the clock and counts one more step.
 * The server's own time goes on too, but one step more of offset is always at least one step more of time.
 */
class StepGate {
  #step = 0;
  #inside = 0;
  #advancing: Promise<void> | null = null;
  #emptied: (() => void) | null = null;
  readonly #move: () => Promise<unknown>;

  constructor(move: () => Promise<unknown>) {
    this.#move = move;
  }

  async enter(): Promise<number> {
    while (this.#advancing) await this.#advancing;
    this.#inside++;
    return this.#step;
  }

  leave(): void {
    this.#inside--;
    if (this.#inside === 0) this.#emptied?.();
  }

  advance(): Promise<void> {
    this.#advancing ??= (async () => {
      while (this.#inside > 0) await new Promise<void>((resolve) => (this.#emptied = resolve));
      this.#emptied = null;
      await this.#move();
      this.#step++;
      this.#advancing = null;
    })();
    return this.#advancing;
  }
}

/** What setting a flow up needs: the driver, an AWS SDK client on the same server, and how many conversations will run at once. */
export interface FlowContext {
  http: Driver;
  cognito: CognitoIdentityProviderClient;
  conversations: number;
  /** The server's time, for SRP's `TIMESTAMP`; by default this machine's (a server whose clock is not moved). */
  now?: () => number;
}

/**
 * Each flow's set-up, by name: `mint` (one token through the control API), `request` (one request, no crypto),
 * `password` (a plain sign-in) and `signInAfterRequests` (the same after two lone requests) are the references.
 */
export const flowSetUps = {
  mint: ({ http }: FlowContext) => mintFlow(http),
  request: ({ http }: FlowContext) => requestFlow(http),
  password: ({ http }: FlowContext) => passwordFlow(http),
  signInAfterRequests: ({ http }: FlowContext) => signInAfterRequestsFlow(http),
  createPool: ({ http }: FlowContext) => createPoolFlow(http),
  srp: ({ http, now = Date.now }: FlowContext) => srpFlow(http, now),
  emailOtp: ({ http, cognito, conversations }: FlowContext) => emailOtpFlow(http, cognito, conversations),
  passkey: ({ http, cognito, conversations }: FlowContext) => passkeyFlow(http, cognito, conversations),
  preToken: ({ http }: FlowContext) => preTokenFlow(http),
  totp: ({ http, cognito, conversations }: FlowContext) => totpFlow(http, cognito, conversations),
} satisfies Record<string, (context: FlowContext) => Flow | Promise<Flow>>;
export type FlowName = keyof typeof flowSetUps;

/**
 * The requests of one turn of each flow, clean-up included (a pool made is deleted). The TOTP flow's clock moves
 * are left out: one for every conversation at once, when a user's turn comes round again within 30 seconds.
 */
export const flowRequests: Record<FlowName, number> = { mint: 1, request: 1, password: 1, signInAfterRequests: 3, createPool: 3, srp: 2, emailOtp: 3, passkey: 2, preToken: 1, totp: 3 };
