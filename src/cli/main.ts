/**
 * The `mock-idp` command as a function: {@link main} runs it with the arguments and the
 * {@link CliIo} it is given and resolves to the exit code. It never exits the process, reads the
 * environment only from `io.env` (through the config loader) and leaves nothing open once it has
 * resolved; the process around it (signals, exit code, a closed stdout) is `bin.ts`'s.
 * Exit codes: 0 success, 1 failure (server unreachable, an error from the server, invalid config),
 * 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../config/package-dir.js';
import { MockIdpError } from '../errors.js';
import { mintCommand } from './mint.js';
import { rotateCommand } from './rotate.js';
import { scenariosCommand } from './scenarios.js';
import { serveCommand } from './serve.js';
import { closest } from './suggest.js';
import { UsageError, type CliIo, type Command } from './usage.js';
import { verifyCommand } from './verify.js';

export type { CliIo, Command, CommandContext } from './usage.js';
export { mintCommand, rotateCommand, scenariosCommand, serveCommand, verifyCommand };

/** Every command, in the order the main help lists them. */
export const commands: readonly Command[] = [serveCommand, mintCommand, verifyCommand, rotateCommand, scenariosCommand];

/** The package's version (`mock-idp --version`), read when asked. */
const version = () => (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

const mainHelp = `Usage: mock-idp <command> [options]

A local stand-in for AWS Cognito User Pools: rotating RS256 JWKS, Cognito-shaped
tokens, and named bad tokens (expired, wrong audience, unknown kid, …) for testing
JWT verification.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run \`mock-idp <command> --help\` for a command's options.
  -v, --version   print the version`;

/**
 * Runs the CLI with `argv` (without node and the script) and resolves to the exit code.
 *
 * @example
 * const code = await main(['scenarios', '--json'], { env: {}, stdout: (line) => lines.push(line), stderr: console.error, stdin: Readable.from([]), logStream: process.stderr, stopSignal: new Promise(() => {}) });
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(mainHelp);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(version());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(unknownCommand(argv));
    return 2;
  }
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run({ ...io, args });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mock-idp ${error.command}: ${error.message}\nRun \`mock-idp ${error.command} --help\` for usage.`);
      return 2;
    }
    if (error instanceof MockIdpError) {
      io.stderr(`mock-idp ${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.stderr(`mock-idp ${name}: cannot listen: ${(error as Error).message} (choose another --port or --host)`);
      return 1;
    }
    io.stderr(`mock-idp ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

/** What `mock-idp serv` (or `mock-idp --port 5000`) says: the likely intent, and where the rest is. */
function unknownCommand(argv: string[]): string {
  const name = argv[0]!;
  const pointer = 'Run `mock-idp --help` for more.';
  if (name.startsWith('-')) {
    const flag = name.replace(/=.*$/, '');
    // The command whose help lists the option (`  --port N   port to listen on`, `  -h, --help`).
    const owner = commands.find((c) =>
      c.help.split('\n').some(
        (line) =>
          line
            .trimStart()
            .replace(/^-\w, /, '')
            .split(' ')[0] === flag,
      ),
    );
    return owner
      ? `mock-idp: ${flag} goes after a command: mock-idp ${owner.name} ${argv.join(' ')}\n${pointer}`
      : `mock-idp: unknown option ${flag}: options go after a command (mock-idp <command> [options])\n${pointer}`;
  }
  const guess = closest(name, [...commands.map((c) => c.name), 'help']);
  const list = `Commands: ${commands.map((c) => c.name).join(', ')}.`;
  return `mock-idp: unknown command '${name}'.${guess ? ` Did you mean '${guess}'?` : ` ${list}`}\n${pointer}`;
}
