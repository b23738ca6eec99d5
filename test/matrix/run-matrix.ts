/**
 * `npm run matrix`: starts two in-process mock-idp servers, runs every scenario
 * through every verifier adapter and prints the markdown table and its legend.
 *
 *   npm run matrix                  ID tokens
 *   npm run matrix -- --access      access tokens
 *   npm run matrix -- --id --access both, ID first, each under a heading
 *   npm run matrix -- --write-json  both, written to page/matrix.json (the teaching page's Matrix panel)
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { matrixJsonFile, renderLegend, renderMatrixJson, renderTable, runMatrix, startMatrixServers, type Matrix } from './matrix.js';
import type { TokenUse } from '../../src/config/types.js';

const usage = 'usage: npm run matrix [-- [--id] [--access] | --write-json]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const writeJson = args.includes('--write-json');
const unknown = args.filter((a) => a !== '--id' && a !== '--access' && a !== '--write-json');
if (unknown.length > 0) {
  console.error(`unknown argument ${unknown[0]}\n${usage}`);
  process.exit(2);
}
const tokenUses: TokenUse[] = writeJson ? ['id', 'access'] : args.length === 0 ? ['id'] : (['id', 'access'] as const).filter((use) => args.includes(`--${use}`));

const servers = await startMatrixServers();
try {
  const sections: string[] = [];
  const matrices: Matrix[] = [];
  for (const tokenUse of tokenUses) {
    const matrix = await runMatrix(servers, tokenUse);
    matrices.push(matrix);
    const heading = tokenUses.length > 1 ? `### ${tokenUse === 'id' ? 'ID' : 'Access'} tokens\n\n` : '';
    sections.push(`${heading}${renderTable(matrix)}\n\n${renderLegend(matrix)}`);
  }
  if (writeJson) {
    await writeFile(matrixJsonFile, renderMatrixJson(matrices));
    console.log(`wrote ${fileURLToPath(matrixJsonFile)}`);
  } else {
    console.log(sections.join('\n\n'));
  }
} finally {
  await servers.close();
}
