import { scenarios, type Signer } from '../../src/tokens/scenarios.js';
import type { Verdict } from '../../src/verifier/errors.js';
import { cell, code, table } from './markdown.js';
import type { GeneratedPage } from './regions.js';

/**
 * docs/reference/scenarios.md, from the scenario table (src/tokens/scenarios.ts): a row per
 * scenario with its verdict, then each scenario's explanation and advice, in the table's order.
 */
export const scenariosPage: GeneratedPage = {
  path: 'docs/reference/scenarios.md',
  regions: () => [renderScenarioTable(), renderScenarioDetails()],
};

/** Which key signs the token, in a few words (the `Signer` type of src/tokens/scenarios.ts). */
const signedBy: Record<Signer, string> = {
  active: 'the active key',
  retiring: 'a retiring key (rotate first)',
  retired: 'a retired key (retire one first)',
  unknown: 'a key never published',
  none: 'nothing (`alg: none`)',
  'hs256-public-key': 'HMAC keyed with the public key',
};

/** `accepts` or ``rejects `CODE` ``. */
export function verdictText(expected: Verdict): string {
  return expected.accept ? 'accepts' : `rejects ${code(expected.code)}`;
}

export function renderScenarioTable(): string {
  return table(
    ['scenario', 'a correct verifier', 'what it shows', 'signed by'],
    scenarios.map((s) => [`[${code(s.name)}](#${s.name})`, verdictText(s.expected), cell(s.title), signedBy[s.signer]]),
  );
}

export function renderScenarioDetails(): string {
  return scenarios.map((s) => [`### ${s.name}`, '', `${s.title}. A correct verifier ${verdictText(s.expected)}.`, '', s.explanation, '', `**Advice:** ${s.advice}`].join('\n')).join('\n\n');
}
