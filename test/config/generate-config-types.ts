/**
 * Writes `src/config/types.generated.ts`: the TypeScript shapes of the config
 * file and the users file, from their JSON Schemas (src/config/schema.ts), so
 * that the schema is the one place a setting, its type and its description
 * are written. `npm run generate:validators` writes it beside the validators;
 * test/config/validators.test.ts fails while it is out of date.
 *
 * It reads the part of JSON Schema the config schemas use: `type`, `enum`,
 * `const`, `anyOf`, `properties`, `required`, `additionalProperties`, `items`;
 * `description` becomes the TSDoc, `title` the name of an exported type, and a
 * member with a `default` is required (the validators fill it in). Any other
 * shape fails the generation rather than becoming `unknown`.
 */

import type { JsonSchema } from '../../src/config/json-schema.js';

type Schema = JsonSchema;

/** A type to write: the root of a file's schema. */
export interface TypeRoot {
  name: string;
  schema: object;
  /** The TSDoc of the type (else the schema's description). */
  doc?: string;
  /**
   * How many levels of objects have every member filled in (by the loader's defaults) and so are
   * required whatever the schema's `required` says: 2 for the config (its settings and the members
   * of `clock`, `keys`…), 0 for what a file gives as it is.
   */
  filledLevels?: number;
  /** Members left out of the type (`$schema`, which only editors read). */
  omit?: readonly string[];
}

const keywords = new Set([
  'title',
  'description',
  'type',
  'enum',
  'const',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'default',
  // Validation only: no bearing on the type.
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
]);

/** The module's text: one exported type per root and per titled schema under it, in the order met. */
export function configTypesSource(header: string, roots: readonly TypeRoot[]): string {
  const named = new Map<string, { schema: Schema; filled: number; text: string | null }>();
  const order: string[] = [];

  const nameOf = (schema: Schema, filled: number, doc: string | undefined, omit: readonly string[] = []): string => {
    const name = schema.title!;
    const seen = named.get(name);
    if (seen) {
      if (seen.schema !== schema) throw new Error(`two schemas have the title ${name}`);
      if (seen.filled !== filled) throw new Error(`${name} is used both filled in and as given`);
      return name;
    }
    const entry = { schema, filled, text: null as string | null };
    named.set(name, entry);
    order.push(name);
    const docText = comment(doc ?? schema.description, '');
    const body = typeOf(schema, filled, '', omit, true);
    entry.text = isObject(schema) ? `${docText}export interface ${name} ${body}\n` : `${docText}export type ${name} = ${body};\n`;
    return name;
  };

  const typeOf = (schema: Schema, filled: number, indent: string, omit: readonly string[] = [], top = false): string => {
    for (const key of Object.keys(schema)) if (!keywords.has(key)) throw new Error(`config types: unsupported keyword "${key}"`);
    if (schema.title && !top) return nameOf(schema, filled, undefined);
    if (schema.enum) return schema.enum.map(literal).join(' | ');
    if (schema.const !== undefined) return literal(schema.const);
    if (schema.anyOf) return union(schema.anyOf.map((s) => typeOf(s, filled, indent)));
    const types = typeof schema.type === 'string' ? [schema.type] : [...(schema.type ?? [])];
    if (types.length === 0) throw new Error('config types: a schema without a type, enum, const or anyOf');
    return union(types.map((type) => oneType(type, schema, filled, indent, omit)));
  };

  const oneType = (type: string, schema: Schema, filled: number, indent: string, omit: readonly string[]): string => {
    switch (type) {
      case 'string':
      case 'boolean':
      case 'null':
        return type;
      case 'number':
      case 'integer':
        return 'number';
      case 'array': {
        if (!schema.items) return 'unknown[]';
        const item = typeOf(schema.items, 0, indent);
        return /[ |]/.test(item) ? `Array<${item}>` : `${item}[]`;
      }
      case 'object': {
        if (!schema.properties) {
          const values = typeof schema.additionalProperties === 'object' ? typeOf(schema.additionalProperties, 0, indent) : 'unknown';
          return `Record<string, ${values}>`;
        }
        const required = new Set(schema.required ?? []);
        const inner = `${indent}  `;
        const members = Object.entries(schema.properties)
          .filter(([key]) => !omit.includes(key))
          .map(([key, member]) => {
            const optional = filled === 0 && !required.has(key) && member.default === undefined;
            const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
            return `${comment(member.description, inner)}${inner}${name}${optional ? '?' : ''}: ${typeOf(member, Math.max(filled - 1, 0), inner)};\n`;
          });
        return `{\n${members.join('')}${indent}}`;
      }
      default:
        throw new Error(`config types: unsupported type "${type}"`);
    }
  };

  for (const root of roots) {
    const schema = { ...(root.schema as Schema), title: root.name };
    nameOf(schema, root.filledLevels ?? 0, root.doc, root.omit);
  }
  return [header, '', ...order.map((name) => named.get(name)!.text)].join('\n');
}

/** `A | B`, with `null` last as people write it. */
function union(types: string[]): string {
  return [...types.filter((t) => t !== 'null'), ...types.filter((t) => t === 'null')].join(' | ');
}

function isObject(schema: Schema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value);
}

/** A TSDoc comment, wrapped at 110 columns; nothing without a text. */
function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  const width = 110 - indent.length - 3;
  if (text.length <= width - 4) return `${indent}/** ${text} */\n`;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
}
