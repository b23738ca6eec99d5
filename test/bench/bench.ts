/**
 * `npm run bench` (full: about 25 minutes on 2 cores) and `npm run bench -- --smoke` (one
 * short repeat, for CI: it must not crash, it asserts nothing about speed).
 * `-- --only <part>` runs one part alone, with its rows: `verification` (in-process, no servers, no wrk), `mint`
 * (the subjects' mint1/mint3 loads and the signing limits), `startup` (start-up and RSS at ready, every subject,
 * as many rounds as the full run gives start-up) or `flows` (the multi-request flows, with their mint reference and
 * crypto limits).
 * Prints one markdown table: median and min–max over repeats of each figure,
 * and its ratio to a reference measured in the same round. Not part of `npm test`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyGenerationMs, signingLimit } from './limits.js';
import { freePort, launch, logFileFor } from './server-process.js';
import { subjects, type LoadName, type Subject } from './subjects.js';
import { renderTable } from './table.js';
import { measureVerification, setUpVerification } from './verification.js';
import { runWrk } from './wrk.js';
import { buildRows } from './rows.js';
import { flowSettings, measureFlows, recordFlows } from './flows.js';

const smoke = process.argv.includes('--smoke');
const onlyAt = process.argv.indexOf('--only');
const parts = ['verification', 'mint', 'startup', 'flows'] as const;
const only = onlyAt === -1 ? undefined : (process.argv[onlyAt + 1] as (typeof parts)[number]);
if (only !== undefined && !parts.includes(only)) throw new Error(`--only: one of ${parts.join(', ')}, not ${JSON.stringify(only)}`);
const settings = smoke
  ? { rounds: 1, startupRounds: 1, seconds: 1, warmSeconds: 1, verifySeconds: 0.3, limitSeconds: 0.5 }
  : // Warm-up: V8 goes on compiling a server's hot paths for its first ~15,000 requests (mock-idp's sign-in, measured in
    // consecutive 4 s windows: 1,734 → 2,106 → 2,218 → 2,143 req/s; the bare signer's: 2,223 → 2,476 → 2,477). One second
    // of warm-up measured the compiler, not the server. Every subject gets the same.
    { rounds: 3, startupRounds: 9, seconds: 4, warmSeconds: 8, verifySeconds: 2, limitSeconds: 2 };
const connections = 32;

/** Every measurement, by `figure|subject`, one value per round. */
export type Series = Map<string, number[]>;
const series: Series = new Map();
const record = (figure: string, subject: string, value: number) => {
  const key = `${figure}|${subject}`;
  series.set(key, [...(series.get(key) ?? []), value]);
};

const dir = await mkdtemp(join(tmpdir(), 'mock-idp-bench-'));
const progress = (message: string) => process.stderr.write(`${message}\n`);

/** What a round of servers measures: start-up (and RSS at ready), and which of each subject's loads. */
interface RoundPlan {
  startup: boolean;
  loads: readonly LoadName[];
}
const allLoads: readonly LoadName[] = ['jwks', 'mint1', 'mint3', 'login'];
const mintLoads: readonly LoadName[] = ['mint1', 'mint3'];

async function round(index: number, plan: RoundPlan): Promise<void> {
  for (const subject of Object.values(subjects)) {
    const loads = (Object.entries(subject.loads) as Array<[LoadName, NonNullable<Subject['loads'][LoadName]>]>).filter(([name]) => plan.loads.includes(name));
    if (!plan.startup && !loads.length) continue;
    const port = await freePort();
    const server = await launch(await subject.launch(port, dir), port, logFileFor(dir, subject.name));
    try {
      if (plan.startup) {
        record('startup', subject.name, server.startupMs);
        record('rssReady', subject.name, server.rssMiB());
      }
      for (const [name, load] of loads) {
        progress(`round ${index + 1}: ${subject.name}: ${name}`);
        const spec = await load.prepare(server.base);
        await runWrk(server.base, spec, { seconds: settings.warmSeconds, connections, dir });
        const cpuBefore = server.cpuMs();
        const result = await runWrk(server.base, spec, { seconds: settings.seconds, connections, dir });
        const cpuMs = server.cpuMs() - cpuBefore;
        record(name, subject.name, load.tokensPerRequest > 0 ? result.requestsPerSecond * load.tokensPerRequest : result.requestsPerSecond);
        // The server's CPU time (every thread) per request, µs: what a shared machine's load does not change much.
        if (name === 'mint1' || name === 'mint3') record(`${name}Cpu`, subject.name, (cpuMs * 1000) / (result.requestsPerSecond * result.seconds));
        if (name === 'mint1') record('mint1Requests', subject.name, result.requestsPerSecond);
        record(`${name}P99`, subject.name, result.p99Ms);
      }
      if (loads.length && plan.loads === allLoads) record('rssAfterLoad', subject.name, server.rssMiB());
    } finally {
      await server.stop();
    }
  }
  if (plan.startup) record('keygen', '4 RSA-2048 key pairs at once (jose)', await keyGenerationMs(4));
}

async function limits(): Promise<void> {
  const one = await signingLimit(1, settings.limitSeconds);
  record('signLimit', 'node:crypto, 1 thread', one.perSecond);
  record('signCpu', 'node:crypto, 1 thread', one.cpuMicros);
  const all = await signingLimit(availableParallelism(), settings.limitSeconds);
  record('signLimit', `node:crypto, ${availableParallelism()} threads`, all.perSecond);
  record('signCpu', `node:crypto, ${availableParallelism()} threads`, all.cpuMicros);
}

try {
  if (only === 'startup') {
    for (let i = 0; i < settings.startupRounds; i++) await round(i, { startup: true, loads: [] });
  } else if (only === 'flows') {
    for (let i = 0; i < settings.rounds; i++) {
      progress(`round ${i + 1}: flows`);
      recordFlows(await measureFlows(dir, flowSettings(smoke), progress), flowSettings(smoke), record);
    }
  } else if (only === 'mint') {
    for (let i = 0; i < settings.rounds; i++) {
      await round(i, { startup: false, loads: mintLoads });
      progress(`round ${i + 1}: signing limits`);
      await limits();
    }
  } else {
    const verification = await setUpVerification();
    try {
      for (let i = 0; i < (only ? settings.rounds : settings.startupRounds); i++) {
        const withLoads = i < settings.rounds;
        if (only) {
          progress(`round ${i + 1}: verification`);
          for (const [row, value] of Object.entries(await measureVerification(verification, settings.verifySeconds))) record('verify', row, value);
          continue;
        }
        await round(i, { startup: true, loads: withLoads ? allLoads : [] });
        if (!withLoads) continue;
        progress(`round ${i + 1}: limits and verification`);
        await limits();
        for (const [row, value] of Object.entries(await measureVerification(verification, settings.verifySeconds))) record('verify', row, value);
        recordFlows(await measureFlows(dir, flowSettings(smoke), progress), flowSettings(smoke), record);
      }
    } finally {
      await verification.idp.close();
    }
  }
  const rounds = smoke
    ? 'smoke run (1 short round: the figures mean little)'
    : only === 'startup'
      ? `${settings.startupRounds} rounds`
      : only
        ? `${settings.rounds} rounds`
        : `${settings.rounds} rounds (start-up: ${settings.startupRounds})`;
  const load = only === 'verification' || only === 'startup' || only === 'flows' ? '' : `, load: wrk -t1 -c${connections} for ${settings.seconds} s after ${settings.warmSeconds} s of warm-up`;
  const header = `mock-idp benchmark${only ? `, ${only} only` : ''}, ${rounds}, node ${process.version}, ${availableParallelism()} cores${load}`;
  console.log(`\n${header}\n\n${renderTable(buildRows(series, availableParallelism()))}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
