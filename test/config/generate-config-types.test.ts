import t from 'tap';
import { configTypesSource } from './generate-config-types.js';

const header = '// header';

t.test('a schema becomes documented types: titles name them, required and defaulted members are required', async (t) => {
  const source = configTypesSource(header, [
    {
      name: 'Thing',
      schema: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { description: 'The id.', type: 'string' },
          size: { type: 'integer', minimum: 0 },
          mode: { title: 'Mode', description: 'How.', enum: ['a', 'b'] },
          tags: { type: 'array', items: { type: 'string' }, default: [] },
          owner: { anyOf: [{ type: 'null' }, { type: 'string' }] },
          extra: { type: 'object', additionalProperties: { type: 'number' } },
        },
      },
    },
  ]);
  t.equal(
    source,
    [
      header,
      '',
      'export interface Thing {',
      '  /** The id. */',
      '  id: string;',
      '  size?: number;',
      '  /** How. */',
      '  mode?: Mode;',
      '  tags: string[];',
      '  owner?: string | null;',
      '  extra?: Record<string, number>;',
      '}',
      '',
      '/** How. */',
      "export type Mode = 'a' | 'b';",
      '',
    ].join('\n'),
  );
});

t.test('filled-in levels make every member required; omitted members are left out', async (t) => {
  const source = configTypesSource(header, [
    {
      name: 'Config',
      filledLevels: 2,
      omit: ['$schema'],
      schema: {
        type: 'object',
        properties: {
          $schema: { type: 'string' },
          clock: { type: 'object', properties: { tick: { type: 'number' } } },
          list: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
        },
      },
    },
  ]);
  t.match(source, /export interface Config \{\n  clock: \{\n    tick: number;\n  \};\n  list: Array<\{\n    a\?: string;\n  \}>;\n\}/);
  t.notMatch(source, /\$schema/);
});

t.test('a keyword the generator does not know fails it, rather than typing a setting wrongly', async (t) => {
  t.throws(() => configTypesSource(header, [{ name: 'X', schema: { type: 'object', properties: { a: { oneOf: [{ type: 'string' }] } } } }]), /unsupported keyword "oneOf"/);
  t.throws(() => configTypesSource(header, [{ name: 'X', schema: { type: 'object', properties: { a: { type: 'date' } } } }]), /unsupported type "date"/);
});
