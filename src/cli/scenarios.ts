import { scenarios } from '../tokens/scenarios.js';
import { parse, type Command } from './usage.js';

export const scenariosCommand: Command = {
  name: 'scenarios',
  summary: 'list the token scenarios and the verdict each must get',
  help: `Usage: mock-idp scenarios [--json]

Lists every token scenario: its name (for --scenario), the verdict a correct
verifier reaches, and why.

Options:
  --json        print the table as JSON
  -h, --help    show this help`,
  async run({ args, stdout }) {
    const { values } = parse('scenarios', args, { json: { type: 'boolean' } });
    if (values.json) {
      stdout(
        JSON.stringify(
          scenarios.map(({ name, title, explanation, advice, expected }) => ({ name, title, explanation, advice, expected })),
          null,
          2,
        ),
      );
      return 0;
    }
    const width = Math.max(...scenarios.map((s) => s.name.length));
    for (const s of scenarios) {
      const verdict = s.expected.accept ? 'accept' : `reject ${s.expected.code}`;
      stdout(`${s.name.padEnd(width)}  ${verdict.padEnd(24)}  ${s.title}`);
    }
    stdout('\nDetails: mock-idp scenarios --json, or GET /_mock/scenarios');
    return 0;
  },
};
