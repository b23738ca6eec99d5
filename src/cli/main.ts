#!/usr/bin/env node
/**
 * The `mock-idp` command. Exit codes: 0 success, 1 failure (server unreachable,
 * an error from the server, invalid config), 2 bad usage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../config/package-dir.js';
import { MockIdpError } from '../errors.js';
import { installUint8ArrayToBase64 } from '../runtime/uint8array-to-base64.js';
import { mintCommand } from './mint.js';
import { rotateCommand } from './rotate.js';
import { scenariosCommand } from './scenarios.js';
import { serveCommand } from './serve.js';
import { UsageError, type Command, type CommandContext } from './usage.js';
import { verifyCommand } from './verify.js';

// jose encodes token parts with the runtime's native base64 where there is one; Node 20 has none (see the module).
installUint8ArrayToBase64();

/** How long a finished command may wait for its event loop to empty before it exits regardless. */
const exitGraceMs = 2000;

const commands: readonly Command[] = [serveCommand, mintCommand, verifyCommand, rotateCommand, scenariosCommand];

const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;

const mainHelp = `Usage: mock-idp <command> [options]

A local stand-in for AWS Cognito User Pools: rotating RS256 JWKS, Cognito-shaped
tokens, and named bad tokens (expired, wrong audience, unknown kid, …) for testing
JWT verification.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run \`mock-idp <command> --help\` for a command's options.
  -v, --version   print the version`;

/** Runs the CLI with `argv` (without node and the script) and resolves to the exit code. */
export async function main(argv: string[], context: Omit<CommandContext, 'args'>): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    context.stdout(mainHelp);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    context.stdout(version);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.stderr(`mock-idp: unknown command "${name}"\n\n${mainHelp}`);
    return 2;
  }
  if (args.includes('-h') || args.includes('--help')) {
    context.stdout(command.help);
    return 0;
  }
  try {
    return await command.run({ ...context, args });
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr(`mock-idp ${error.command}: ${error.message}\nRun \`mock-idp ${error.command} --help\` for usage.`);
      return 2;
    }
    if (error instanceof MockIdpError) {
      context.stderr(`mock-idp ${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      context.stderr(`mock-idp ${name}: cannot listen: ${(error as Error).message} (choose another --port or --host)`);
      return 1;
    }
    context.stderr(`mock-idp ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

// A reader that stops early (`mock-idp scenarios | head -3`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

const stopSignal = new Promise<string>((resolve) => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve(signal));
});

const exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  stopSignal,
});
process.exitCode = exitCode;

// The command is done; Node exits once nothing holds its event loop. Should a library have left something open
// (mongodb-memory-server once left a failed download's socket open for a minute), exit anyway, saying what it was:
// `docker stop` allows 10 s before SIGKILL. The timer is unref'd, so it never delays a clean exit.
setTimeout(() => {
  const open = process.getActiveResourcesInfo().filter((resource) => resource !== 'Timeout');
  process.stderr.write(`mock-idp: exiting; still open after ${exitGraceMs} ms: ${open.join(', ') || 'nothing'}\n`);
  process.exit();
}, exitGraceMs).unref();
