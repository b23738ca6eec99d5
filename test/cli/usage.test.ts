import { readFile } from 'node:fs/promises';
import t from 'tap';
import { scenarios } from '../../src/tokens/scenarios.js';
import { runCliInProcess } from '../helpers/cli.js';

t.test('--help for the CLI and for each command', async (t) => {
  const main = await runCliInProcess(['--help']);
  t.equal(main.code, 0);
  const version = await runCliInProcess(['--version']);
  const { version: packageVersion } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  t.equal(version.stdout, `${packageVersion}\n`, '--version prints the package version');
  for (const command of ['serve', 'mint', 'verify', 'rotate', 'scenarios']) {
    t.match(main.stdout, command);
    const help = await runCliInProcess([command, '--help']);
    t.equal(help.code, 0, `${command} --help exits 0`);
    t.match(help.stdout, `Usage: mock-idp ${command}`);
  }
});

t.test('bad usage exits 2 with a hint', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['no command', []],
    ['unknown command', ['frobnicate']],
    ['unknown flag', ['mint', '--typ', 'id']],
    ['bad --type', ['mint', '--type', 'refresh']],
    ['bad --ttl', ['mint', '--ttl', 'soon']],
    ['--claim without =', ['mint', '--claim', 'tenant']],
    ['--url with --keys-file', ['mint', '--url', 'http://127.0.0.1:1', '--keys-file', 'k.json']],
    ['bad --port', ['serve', '--port', 'eighty']],
    ['bad --issuer-style', ['serve', '--issuer-style', 'aws']],
    ['bad --store', ['serve', '--store', 'postgres']],
    ['stray positional', ['scenarios', 'extra']],
  ];
  for (const [name, args] of cases) {
    const result = await runCliInProcess(args);
    t.equal(result.code, 2, `${name}: exit 2`);
    t.not(result.stderr + result.stdout, '', `${name}: says why`);
  }
});

t.test('scenarios lists the whole table', async (t) => {
  const text = await runCliInProcess(['scenarios']);
  t.equal(text.code, 0);
  for (const s of scenarios) t.match(text.stdout, s.name);
  const json = await runCliInProcess(['scenarios', '--json']);
  t.same(
    (JSON.parse(json.stdout) as Array<{ name: string }>).map((s) => s.name),
    scenarios.map((s) => s.name),
  );
});

t.test('a server that cannot be reached: exit 1, SERVER_UNREACHABLE', async (t) => {
  const result = await runCliInProcess(['mint', '--url', 'http://127.0.0.1:9']);
  t.equal(result.code, 1);
  t.match(result.stderr, '[SERVER_UNREACHABLE]');
});

t.test('a mistyped command or option: the likely one, a pointer to --help, exit 2 (not the whole help)', async (t) => {
  const cases: Array<[string[], string]> = [
    [['serv'], "mock-idp: unknown command 'serv'. Did you mean 'serve'?\nRun `mock-idp --help` for more.\n"],
    [['mnit'], "mock-idp: unknown command 'mnit'. Did you mean 'mint'?\nRun `mock-idp --help` for more.\n"],
    [['frobnicate'], "mock-idp: unknown command 'frobnicate'. Commands: serve, mint, verify, rotate, scenarios.\nRun `mock-idp --help` for more.\n"],
    [['--port', '5000'], 'mock-idp: --port goes after a command: mock-idp serve --port 5000\nRun `mock-idp --help` for more.\n'],
    [['serve', '--prot', '5000'], 'mock-idp serve: unknown option --prot: did you mean --port?\nRun `mock-idp serve --help` for usage.\n'],
    [['mint', '--user', 'alice', '--scenarios', 'expired'], 'mock-idp mint: unknown option --scenarios: did you mean --scenario?\nRun `mock-idp mint --help` for usage.\n'],
    [['rotate', '--pre-publsh', '60'], 'mock-idp rotate: unknown option --pre-publsh: did you mean --pre-publish?\nRun `mock-idp rotate --help` for usage.\n'],
    [['serve', '--frobnicate'], 'mock-idp serve: unknown option --frobnicate\nRun `mock-idp serve --help` for usage.\n'],
    [['serve', '--port'], 'mock-idp serve: --port needs a value\nRun `mock-idp serve --help` for usage.\n'],
  ];
  for (const [args, stderr] of cases) {
    const result = await runCliInProcess(args);
    t.equal(result.code, 2, args.join(' '));
    t.equal(result.stderr, stderr, args.join(' '));
    t.equal(result.stdout, '', 'no help dumped');
  }
});
