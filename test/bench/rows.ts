/** Which rows the table has, what each is compared with, and the targets. */
import type { Row } from './table.js';
import { subjects } from './subjects.js';
import { verificationModes } from './verification.js';
import { flowRows } from './flows.js';

const bare = subjects.bareJwks.name;
const bareFresh = subjects.bareJwksFreshKeys.name;
const bareOneFresh = subjects.bareJwksOneFreshKey.name;
const signer = subjects.bareSigner.name;
const signerCognito = subjects.bareSignerCognitoSize.name;
const ceiling = subjects.httpCeiling.name;
const workersCeiling = subjects.httpWorkersCeiling.name;
const fastifyCeiling = subjects.fastifyCeiling.name;
const fastifyJoseCeiling = subjects.fastifyJoseCeiling.name;
const mockIdp = subjects.mockIdp.name;
const keysFile = subjects.mockIdpKeysFile.name;
const noReservoir = subjects.mockIdpNoReservoir.name;
const o2 = subjects.oauth2MockServer.name;
const cl = subjects.cognitoLocal.name;

/** The table's rows from the recorded series (`figure|subject` → one value per round). */
export function buildRows(series: Map<string, number[]>, cores: number): Row[] {
  const get = (figure: string, subject: string) => series.get(`${figure}|${subject}`) ?? [];
  const ref = (name: string, values: readonly number[]) => ({ name, values });
  const rows: Row[] = [];
  const add = (row: Row) => {
    if (row.values.length) rows.push(row);
  };
  const keygen = get('keygen', '4 RSA-2048 key pairs at once (jose)');

  // Start-up: spawn → first valid JWKS.
  const startup = 'start-up, spawn → first valid JWKS (ms)';
  const bareStartup = ref(bare, get('startup', bare));
  add({ figure: startup, subject: bare, values: bareStartup.values });
  add({ figure: startup, subject: mockIdp, values: get('startup', mockIdp), reference: bareStartup, target: { op: '≤', value: 1.5 } });
  add({ figure: startup, subject: keysFile, values: get('startup', keysFile), reference: bareStartup, target: { op: '≤', value: 1.5 } });
  add({ figure: startup, subject: noReservoir, values: get('startup', noReservoir), reference: bareStartup });
  add({ figure: startup, subject: o2, values: get('startup', o2), reference: bareStartup });
  add({ figure: startup, subject: cl, values: get('startup', cl), reference: bareStartup });
  add({ figure: startup, subject: `${mockIdp} vs the peer`, values: get('startup', mockIdp), reference: ref(o2, get('startup', o2)), target: { op: '<', value: 1 } });
  add({ figure: startup, subject: `${mockIdp} vs the peer`, values: get('startup', mockIdp), reference: ref(cl, get('startup', cl)), target: { op: '<', value: 1 } });
  add({ figure: startup, subject: `${keysFile} vs the peer`, values: get('startup', keysFile), reference: ref(o2, get('startup', o2)), target: { op: '<', value: 1 } });
  add({ figure: startup, subject: `${keysFile} vs the peer`, values: get('startup', keysFile), reference: ref(cl, get('startup', cl)), target: { op: '<', value: 1 } });
  add({ figure: 'limit: RSA key generation (ms)', subject: '4 RSA-2048 key pairs at once (jose)', values: keygen, reference: bareStartup });
  // The floor for a start that makes keys: the bare server that first makes the 2 key pairs a pool's JWKS publishes.
  const freshStartup = ref(bareFresh, get('startup', bareFresh));
  add({ figure: "limit: start-up that makes a pool's keys (ms)", subject: bareFresh, values: freshStartup.values, reference: bareStartup });
  add({ figure: "limit: start-up that makes a pool's keys (ms)", subject: `${mockIdp} vs that floor`, values: get('startup', mockIdp), reference: freshStartup });
  add({ figure: "limit: start-up that makes a pool's keys (ms)", subject: `${noReservoir} vs that floor`, values: get('startup', noReservoir), reference: freshStartup });
  // oauth2-mock-server makes one key pair at start where a Cognito pool publishes two: its floor, and what the second key costs.
  const oneFreshStartup = ref(bareOneFresh, get('startup', bareOneFresh));
  add({ figure: 'limit: start-up that makes one key pair (ms)', subject: bareOneFresh, values: oneFreshStartup.values, reference: bareStartup });
  add({ figure: 'limit: start-up that makes one key pair (ms)', subject: `${o2} vs that floor`, values: get('startup', o2), reference: oneFreshStartup });
  add({ figure: 'limit: start-up that makes one key pair (ms)', subject: `${bareFresh} vs that floor`, values: freshStartup.values, reference: oneFreshStartup });

  // Memory.
  for (const [figure, key] of [
    ['RSS at ready (MiB)', 'rssReady'],
    ['RSS after load (MiB)', 'rssAfterLoad'],
  ] as const) {
    const reference = ref(bare, get(key, bare));
    add({ figure, subject: bare, values: reference.values });
    for (const subject of [mockIdp, keysFile, o2, cl]) {
      const target = key === 'rssReady' && (subject === mockIdp || subject === keysFile) ? { op: '≤' as const, value: 80, on: 'value' as const, unit: ' MiB' } : undefined;
      add({ figure, subject, values: get(key, subject), reference, ...(target ? { target } : {}) });
    }
  }

  // JWKS.
  const jwks = ref(bare, get('jwks', bare));
  add({ figure: 'JWKS (requests/s)', subject: bare, values: jwks.values });
  add({ figure: 'JWKS (requests/s)', subject: mockIdp, values: get('jwks', mockIdp), reference: jwks, target: { op: '≥', value: 0.8 } });
  add({ figure: 'JWKS (requests/s)', subject: o2, values: get('jwks', o2), reference: jwks });
  add({ figure: 'JWKS (requests/s)', subject: cl, values: get('jwks', cl), reference: jwks });
  const jwksP99 = ref(bare, get('jwksP99', bare));
  add({ figure: 'JWKS p99 latency (ms)', subject: bare, values: jwksP99.values });
  for (const subject of [mockIdp, o2, cl]) add({ figure: 'JWKS p99 latency (ms)', subject, values: get('jwksP99', subject), reference: jwksP99 });

  // Minting.
  const limit = ref(`node:crypto, ${cores} threads`, get('signLimit', `node:crypto, ${cores} threads`));
  add({ figure: 'limit: RS256 signatures/s', subject: `node:crypto, ${cores} threads`, values: limit.values });
  add({ figure: 'limit: RS256 signatures/s', subject: 'node:crypto, 1 thread', values: get('signLimit', 'node:crypto, 1 thread'), reference: limit });

  const one = 'mint, 1 token per request (tokens/s)';
  const signer1 = ref(signer, get('mint1', signer));
  add({ figure: one, subject: signer, values: signer1.values });
  add({ figure: one, subject: `${mockIdp}: POST /_mock/tokens`, values: get('mint1', mockIdp), reference: signer1, target: { op: '≥', value: 0.95 } });
  add({ figure: one, subject: `${o2}: client_credentials`, values: get('mint1', o2), reference: signer1 });
  add({ figure: one, subject: `${signer} vs the limit`, values: signer1.values, reference: limit });
  add({ figure: one, subject: `${mockIdp} vs the limit`, values: get('mint1', mockIdp), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: one, subject: `${mockIdp} vs the peer`, values: get('mint1', mockIdp), reference: ref(o2, get('mint1', o2)), target: { op: '≥', value: 2.5 } });
  // What Cognito's token size costs a bare signer, and what mock-idp's own work costs on top of it.
  const cognito1 = ref(signerCognito, get('mint1', signerCognito));
  add({ figure: one, subject: `limit: ${signerCognito}`, values: cognito1.values, reference: signer1 });
  add({ figure: one, subject: `${mockIdp} vs that`, values: get('mint1', mockIdp), reference: cognito1 });
  // The HTTP ceiling: the most any HTTP minter reaches here under the same load. Below 0.7× the limit, the target is out of reach on these cores.
  const ceiling1 = ref(ceiling, get('mint1', ceiling));
  add({ figure: one, subject: `limit: ${ceiling} vs the limit`, values: ceiling1.values, reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: one, subject: `${mockIdp} vs the HTTP ceiling`, values: get('mint1', mockIdp), reference: ceiling1 });
  // The same server signing in batches on worker threads: near the HTTP ceiling, the ceiling is the machine's, not the threadpool's.
  const workers1 = ref(workersCeiling, get('mint1', workersCeiling));
  add({ figure: one, subject: `limit: ${workersCeiling} vs the limit`, values: workers1.values, reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: one, subject: `limit: ${workersCeiling} vs the HTTP ceiling`, values: workers1.values, reference: ceiling1 });
  add({ figure: one, subject: `${mockIdp} vs that`, values: get('mint1', mockIdp), reference: workers1 });
  // The same with Fastify (a fixed choice): the most a Fastify minter reaches, and what the framework costs.
  const fastify1 = ref(fastifyCeiling, get('mint1', fastifyCeiling));
  add({ figure: one, subject: `limit: ${fastifyCeiling} vs the limit`, values: fastify1.values, reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: one, subject: `limit: ${fastifyCeiling} vs the HTTP ceiling`, values: fastify1.values, reference: ceiling1 });
  add({ figure: one, subject: `${mockIdp} vs the Fastify ceiling`, values: get('mint1', mockIdp), reference: fastify1 });

  const three = 'mint, sign-in of 3 tokens (tokens/s)';
  const signer3 = ref(`${signer} (2 JWS + 1 JWE)`, get('mint3', signer));
  add({ figure: three, subject: `${signer} (2 JWS + 1 JWE)`, values: signer3.values });
  add({ figure: three, subject: `${mockIdp}: InitiateAuth`, values: get('mint3', mockIdp), reference: signer3, target: { op: '≥', value: 0.95 } });
  add({ figure: three, subject: `${cl}: InitiateAuth`, values: get('mint3', cl), reference: signer3 });
  // Two of the three tokens are signed (the refresh token is encrypted), so signatures/s = tokens/s × 2/3.
  const signatures = (values: readonly number[]) => values.map((v) => (v * 2) / 3);
  add({ figure: three, subject: `${mockIdp} signatures/s vs the limit`, values: signatures(get('mint3', mockIdp)), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: three, subject: `${mockIdp} vs the peer`, values: get('mint3', mockIdp), reference: ref(cl, get('mint3', cl)), target: { op: '≥', value: 20 } });
  const cognito3 = ref(`${signerCognito} (2 JWS + 1 JWE)`, get('mint3', signerCognito));
  add({ figure: three, subject: `limit: ${signerCognito} (2 JWS + 1 JWE)`, values: cognito3.values, reference: signer3 });
  add({ figure: three, subject: `${mockIdp} vs that`, values: get('mint3', mockIdp), reference: cognito3 });
  const ceiling3 = ref(`${ceiling} (2 JWS + 1 JWE)`, get('mint3', ceiling));
  add({ figure: three, subject: `limit: ${ceiling} (2 JWS + 1 JWE) signatures/s vs the limit`, values: signatures(ceiling3.values), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: three, subject: `${mockIdp} vs the HTTP ceiling`, values: get('mint3', mockIdp), reference: ceiling3 });
  const workers3 = ref(`${workersCeiling} (2 JWS + 1 JWE)`, get('mint3', workersCeiling));
  add({ figure: three, subject: `limit: ${workersCeiling} (2 JWS + 1 JWE) signatures/s vs the limit`, values: signatures(workers3.values), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: three, subject: `limit: ${workersCeiling} (2 JWS + 1 JWE) vs the HTTP ceiling`, values: workers3.values, reference: ceiling3 });
  const fastify3 = ref(`${fastifyCeiling} (2 JWS + 1 JWE)`, get('mint3', fastifyCeiling));
  add({ figure: three, subject: `limit: ${fastifyCeiling} (2 JWS + 1 JWE) signatures/s vs the limit`, values: signatures(fastify3.values), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: three, subject: `${mockIdp} vs the Fastify ceiling`, values: get('mint3', mockIdp), reference: fastify3 });
  // With the refresh token made by jose, as mock-idp must (jose is the project's JWE library): the ceiling under both fixed choices.
  const fastifyJose3 = ref(`${fastifyJoseCeiling} (2 JWS + 1 JWE)`, get('mint3', fastifyJoseCeiling));
  add({ figure: three, subject: `limit: ${fastifyJoseCeiling} (2 JWS + 1 JWE) signatures/s vs the limit`, values: signatures(fastifyJose3.values), reference: limit, target: { op: '≥', value: 0.7 } });
  add({ figure: three, subject: `${mockIdp} vs the Fastify ceiling with jose's JWE`, values: get('mint3', mockIdp), reference: fastifyJose3 });

  // The same in CPU time, which a shared machine's load changes far less than throughput: the server's CPU (every
  // thread) per signature it makes, against what one signature costs the limit's threads. The ratio is the most a
  // server with that overhead can reach: tokens/s ≤ the limit ÷ ratio (less wrk's own CPU, ~12 µs a request).
  const cpuFigure = 'server CPU per signature, every thread (µs)';
  const signature = ref(`one RS256 signature, node:crypto, ${cores} threads`, get('signCpu', `node:crypto, ${cores} threads`));
  add({ figure: cpuFigure, subject: signature.name, values: signature.values });
  const perSignature = (load: 'mint1' | 'mint3', subject: string) => get(`${load}Cpu`, subject).map((v) => (load === 'mint3' ? v / 2 : v));
  for (const [load, what] of [
    ['mint1', '1 token per request'],
    ['mint3', 'sign-in (2 JWS + 1 JWE)'],
  ] as const) {
    const ceilingCpu = ref(`${ceiling}, ${what}`, perSignature(load, ceiling));
    add({ figure: cpuFigure, subject: `limit: ${ceiling}, ${what}`, values: ceilingCpu.values, reference: signature });
    add({ figure: cpuFigure, subject: `${mockIdp}, ${what}`, values: perSignature(load, mockIdp), reference: signature });
    add({ figure: cpuFigure, subject: `${mockIdp}, ${what}, vs the HTTP ceiling`, values: perSignature(load, mockIdp), reference: ceilingCpu });
    add({ figure: cpuFigure, subject: `limit: ${workersCeiling}, ${what}`, values: perSignature(load, workersCeiling), reference: ceilingCpu });
    const fastifyCpu = ref(`${fastifyCeiling}, ${what}`, perSignature(load, fastifyCeiling));
    add({ figure: cpuFigure, subject: `limit: ${fastifyCeiling}, ${what}`, values: fastifyCpu.values, reference: signature });
    add({ figure: cpuFigure, subject: `${mockIdp}, ${what}, vs the Fastify ceiling`, values: perSignature(load, mockIdp), reference: fastifyCpu });
    if (load === 'mint1') continue;
    const joseCpu = ref(`${fastifyJoseCeiling}, ${what}`, perSignature(load, fastifyJoseCeiling));
    add({ figure: cpuFigure, subject: `limit: ${fastifyJoseCeiling}, ${what}`, values: joseCpu.values, reference: signature });
    add({ figure: cpuFigure, subject: `${mockIdp}, ${what}, vs the Fastify ceiling with jose's JWE`, values: perSignature(load, mockIdp), reference: joseCpu });
  }

  add({
    figure: 'App Services login, distinct tokens (logins/s)',
    subject: mockIdp,
    values: get('login', mockIdp),
    reference: ref(`${mockIdp}: mint requests/s`, get('mint1Requests', mockIdp)),
    target: { op: '≥', value: 0.5 },
  });

  // The flows (issue 23, item 4): see flows.ts.
  rows.push(...flowRows(get));

  // Verification: each mode's subjects measured in alternating windows of the same round.
  const verify = (subject: string, mode: string) => get('verify', `${subject}|${mode}`);
  const figure = 'RS256 verifications/s';
  for (const mode of verificationModes) {
    const verifier = verify('verifier', mode);
    add({ figure, subject: `node:crypto verify (bare), ${mode}`, values: verify('node:crypto', mode) });
    add({ figure, subject: `mock-idp/verifier, ${mode}`, values: verifier, reference: ref(`node:crypto (bare), ${mode}`, verify('node:crypto', mode)), target: { op: '≥', value: 0.85 } });
    add({ figure, subject: `mock-idp/verifier, ${mode}`, values: verifier, reference: ref(`aws-jwt-verify, ${mode}`, verify('aws-jwt-verify', mode)), target: { op: '≥', value: 1 } });
    add({ figure, subject: `mock-idp/verifier, ${mode}`, values: verifier, reference: ref(`fast-jwt, ${mode}`, verify('fast-jwt', mode)), target: { op: '≥', value: 1 } });
    add({ figure, subject: `mock-idp/verifier, ${mode}`, values: verifier, reference: ref(`jose jwtVerify, ${mode}`, verify('jose', mode)) });
  }
  return rows;
}
