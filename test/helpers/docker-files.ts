/**
 * The Docker files under test, read once: docker-compose.yml (YAML), the
 * Dockerfile split into its stages (dockerfile-ast), and .dockerignore.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, Env, type Instruction } from 'dockerfile-ast';
import { parse } from 'yaml';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(new URL(file, new URL('../../', import.meta.url)), 'utf8');

/** What the tests read of a compose service; the schema test checks the whole file. */
export interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}

export const composeText = read('docker-compose.yml');
export const compose = parse(composeText) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
export const service = (name: string): ComposeService => compose.services[name]!;

export const dockerfileText = read('Dockerfile');
export const dockerignore = read('.dockerignore')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'));

export interface Stage {
  /** `FROM image AS name`: the image, and the name (null when unnamed). */
  image: string;
  name: string | null;
  instructions: Instruction[];
}

/** The Dockerfile's build stages, in order; the last one is what `docker build` makes by default. */
export function dockerfileStages(): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(dockerfileText).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const [image, as, name] = instruction.getArguments().map((a) => a.getValue());
      stages.push({ image: image!, name: as?.toUpperCase() === 'AS' ? name! : null, instructions: [] });
    }
    stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** A stage's instructions of one kind. */
export const instructions = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);

/** The exec form of CMD, or of HEALTHCHECK's CMD, as an array. */
export function execForm(instruction: Instruction): string[] {
  return JSON.parse(instruction.getArgumentsContent()!.replace(/^CMD\s+/, '')) as string[];
}

/** The ENV of a stage, as a record. */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of instructions(stage, 'ENV')) {
    for (const property of (instruction as Env).getProperties()) env[property.getName()] = property.getValue() ?? '';
  }
  return env;
}
