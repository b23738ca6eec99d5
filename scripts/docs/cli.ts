import { commands, main, type CliIo } from '../../src/cli/main.js';
import { block } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/cli.md, from the CLI's own help (src/cli/main.ts and each command's `help`):
 * the page shows exactly what `mock-idp --help` and `mock-idp <command> --help` print.
 */
export const cliPage: GeneratedPage = {
  path: 'docs/reference/cli.md',
  regions: async () => [await renderCliHelp()],
};

/** What `mock-idp --help` prints, got by running the CLI as a function. */
export async function mainHelp(): Promise<string> {
  const lines: string[] = [];
  const io: CliIo = {
    env: {},
    stdout: (text) => void lines.push(text),
    stderr: (text) => void lines.push(text),
    stdin: (async function* () {})(),
    logStream: { write: () => true },
    stopSignal: new Promise<string>(() => {}),
  };
  const code = await main(['--help'], io);
  if (code !== 0) throw new Error(`mock-idp --help exited with ${code}`);
  return lines.join('\n');
}

export async function renderCliHelp(): Promise<string> {
  return ['## mock-idp', '', block(await mainHelp()), ...commands.flatMap((command) => ['', `## mock-idp ${command.name}`, '', `${capitalize(command.summary)}.`, '', block(command.help)])].join('\n');
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
