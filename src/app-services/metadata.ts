import { AppServicesError } from './errors.js';

/** One `metadata_fields` entry, parsed. */
export interface MetadataField {
  /** The dotted `name` as configured, for messages (`user_data.name`). */
  name: string;
  /** Its path: `user_data.name` → ['user_data', 'name']; `\.` is a literal dot. */
  path: string[];
  /** The key in the user's profile `data`. */
  fieldName: string;
  required: boolean;
}

/** Splits a metadata name on unescaped dots: `http://example\.com/email` is one segment. */
export function parseMetadataPath(name: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === '\\' && name[i + 1] === '.') {
      current += '.';
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}

/** Each field's maximum length once serialized, as App Services documents. */
const maxFieldLength = 4096;

/**
 * The profile `data` a token's claims give, field by field. A missing
 * required field fails the login with App Services' own message.
 */
export function mapMetadata(claims: Record<string, unknown>, fields: readonly MetadataField[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    let value: unknown = claims;
    for (const segment of field.path) {
      value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
    }
    if (value === undefined || value === null) {
      if (field.required) throw new AppServicesError('AuthError', `expected field '${field.name}' to be in token metadata`);
      continue;
    }
    if (JSON.stringify(value).length > maxFieldLength) {
      throw new AppServicesError('AuthError', `metadata field '${field.name}' is longer than ${maxFieldLength} characters`);
    }
    data[field.fieldName] = value;
  }
  return data;
}
