import t from 'tap';
import { prettyLine } from '../../src/cli/log-output.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runCliInProcess, serveInProcess } from '../helpers/cli.js';
import { testKeysFile } from '../helpers/idp.js';

// The committed test keys: a start without generating RSA keys.
const dir = t.testdir();
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ keys: { seedFile: testKeysFile } }));
const fast = ['--port', '0', '--store', 'memory', '--config', config];

const pretty = /^\d\d:\d\d:\d\d (INFO |WARN |ERROR|DEBUG|TRACE|FATAL) \S/;
const lines = (text: string) => text.split('\n').filter(Boolean);

async function reset(url: string) {
  const res = await fetch(`${url}/_mock/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`reset: ${res.status}`);
}

t.test('on a terminal: one short line each (HH:MM:SS, level, message, fields), from the first line to the last', async (t) => {
  const server = await serveInProcess(fast, {}, { tty: true });
  await reset(server.url);
  t.equal(await server.stop(), 0);
  const logged = lines(server.output().stderr);
  t.ok(logged.length >= 4, logged.join('\n'));
  for (const line of logged) t.match(line, pretty, `short: ${line}`);
  t.match(logged, [/^\d\d:\d\d:\d\d INFO  Server listening at http:\/\/127\.0\.0\.1:\d+$/], 'the first line too');
  t.ok(
    logged.some((l) => /^\d\d:\d\d:\d\d INFO  App Services store: in-process memory store/.test(l)),
    'the start-up news before the logger (which store) alike',
  );
  t.ok(
    logged.some((l) => /^\d\d:\d\d:\d\d INFO  reset keys=false appServices=false$/.test(l)),
    "a line's own fields as key=value",
  );
  t.match(logged.at(-1), /INFO  stopped$/);
  t.notOk(
    logged.some((l) => /pid=|hostname=|reqId=/.test(l)),
    'not the fields every line has',
  );
});

t.test('elsewhere (docker, CI, a pipe): JSON lines, as before; --log-format and MOCK_IDP_LOG_FORMAT choose', async (t) => {
  const json = async (args: string[], env: Record<string, string>, tty: boolean) => {
    const server = await serveInProcess([...fast, ...args], env, { tty });
    t.equal(await server.stop(), 0);
    return lines(server.output().stderr);
  };
  for (const [what, args, env, tty] of [
    ['not a terminal', [], {}, false],
    ['--log-format json on a terminal', ['--log-format', 'json'], {}, true],
    ['MOCK_IDP_LOG_FORMAT=json on a terminal', [], { MOCK_IDP_LOG_FORMAT: 'json' }, true],
    ['the flag wins', ['--log-format', 'json'], { MOCK_IDP_LOG_FORMAT: 'pretty' }, true],
  ] as const) {
    const logged = await json([...args], { ...env }, tty);
    t.ok(logged.length > 0 && logged.every((l) => typeof (JSON.parse(l) as { level: number }).level === 'number'), `${what}: JSON`);
    t.ok(
      logged.some((l) => /"level":30,"time":\d+,"msg":"App Services store: /.test(l)),
      `${what}: the start-up news too`,
    );
  }
  const piped = await json(['--log-format', 'pretty'], {}, false);
  t.ok(
    piped.every((l) => pretty.test(l)),
    '--log-format pretty into a pipe: short lines',
  );
});

t.test('--log-level applies from the first line: nothing under it, start-up news included', async (t) => {
  for (const [how, args, env] of [
    ['--log-level warn', ['--log-level', 'warn'], {}],
    ['MOCK_IDP_LOG_LEVEL=warn', [], { MOCK_IDP_LOG_LEVEL: 'warn' }],
  ] as const) {
    for (const tty of [true, false]) {
      const server = await serveInProcess([...fast, ...args], { ...env }, { tty });
      await reset(server.url);
      t.equal(await server.stop(), 0);
      t.equal(server.output().stderr, '', `${how}, ${tty ? 'terminal' : 'JSON'}: no info line at all`);
    }
  }
});

t.test('the warning of an exposed server: once on a terminal (a log line of several lines), twice with JSON (plain and a log line)', async (t) => {
  for (const tty of [true, false]) {
    const server = await serveInProcess([...fast, '--host', '0.0.0.0', '--log-level', 'warn'], {}, { tty });
    t.equal(await server.stop(), 0);
    const { stderr } = server.output();
    t.equal(stderr.match(/WARNING: mock-idp listens on 0\.0\.0\.0/g)?.length, tty ? 1 : 2, tty ? 'terminal' : 'JSON');
    if (tty) t.match(stderr, /^\d\d:\d\d:\d\d WARN  WARNING: mock-idp listens on 0\.0\.0\.0 .*\n {2}Anyone who can reach/m, 'the whole text, its lines as they are');
  }
});

t.test('a bad --log-format is bad usage; a bad MOCK_IDP_LOG_FORMAT is a config error', async (t) => {
  const flag = await runCliInProcess(['serve', '--log-format', 'fancy']);
  t.equal(flag.code, 2);
  t.match(flag.stderr, '--log-format must be one of pretty, json, got "fancy"');
  const env = await runCliInProcess(['serve', '--port', '0'], { MOCK_IDP_LOG_FORMAT: 'fancy' });
  t.equal(env.code, 1);
  t.match(env.stderr, 'MOCK_IDP_LOG_FORMAT must be "pretty" or "json"');
});

t.test("prettyLine: local time, padded level, bare and JSON field values, an error's stack indented", async (t) => {
  const time = new Date(2030, 0, 1, 9, 5, 7).getTime();
  t.equal(
    prettyLine(`${JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', msg: 'Cognito sign-in', pool: 'us-east-1_LocalPool', username: 'alice' })}\n`),
    '09:05:07 INFO  Cognito sign-in pool=us-east-1_LocalPool username=alice\n',
  );
  t.equal(prettyLine(JSON.stringify({ level: 40, time, msg: 'refused', url: '/_mock/a b', kids: ['k1'] })), '09:05:07 WARN  refused url="/_mock/a b" kids=["k1"]\n');
  const error = prettyLine(JSON.stringify({ level: 50, time, reqId: 'req-1', msg: 'request failed', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at here' } }));
  t.equal(error, '09:05:07 ERROR request failed\n    Error: boom\n        at here\n');
  t.equal(prettyLine(JSON.stringify({ level: 40, time, msg: 'x' }), true), '09:05:07 \x1b[33mWARN \x1b[0m x\n', 'a coloured level when the terminal takes colours');
  t.equal(prettyLine('not json\n'), 'not json\n', 'anything else as it is');
});
