import { randomBytes } from 'node:crypto';
import type { Client, ClientSecret } from '../directory/pool.js';
import { CognitoError } from './errors.js';

/** Cognito keeps at most two active secrets per app client (AddUserPoolClientSecret). */
export const maxClientSecrets = 2;

/**
 * A new app client id in Cognito's form: a random 128-bit number in base 32 (`[0-9a-v]`, up to 26
 * characters, as real ids such as `2todpsba6aij4tlrqhein3trrm` look).
 */
export function newClientId(): string {
  return randomNumber(16).toString(32);
}

/**
 * A new client secret: a random 256-bit number in base 32 (`[0-9a-v]`, up to 52 characters), the
 * form of the secret in the CreateUserPoolClient example of the API reference.
 */
export function newClientSecretValue(): string {
  return randomNumber(32).toString(32);
}

/** Every secret the client accepts (none for a public client). */
export function secretValues(client: Pick<Client, 'secret' | 'secrets'>): string[] {
  if (client.secrets?.length) return client.secrets.map((s) => s.value);
  return client.secret ? [client.secret] : [];
}

/**
 * Adds a secret (at most {@link maxClientSecrets}). Its id is `<client-id>--<epoch-create-time>`, the
 * form the API reference gives; `now` is bumped past an id already taken in the same millisecond.
 */
export function addClientSecret(client: Client, value: string, now: number): ClientSecret {
  if (client.secrets.length >= maxClientSecrets) {
    throw new CognitoError('LimitExceededException', `Client ${client.id} already has ${maxClientSecrets} secrets; delete one first`);
  }
  let createdAt = now;
  while (client.secrets.some((s) => s.id === `${client.id}--${createdAt}`)) createdAt += 1;
  const secret: ClientSecret = { id: `${client.id}--${createdAt}`, value, createdAt: now };
  client.secrets.push(secret);
  client.secret = client.secrets[0]!.value;
  return secret;
}

/** Deletes a secret by id; the last one of a confidential client cannot go (as the API reference says). */
export function deleteClientSecret(client: Client, secretId: string): void {
  const index = client.secrets.findIndex((s) => s.id === secretId);
  if (index < 0) throw new CognitoError('ResourceNotFoundException', `Client secret ${secretId} does not exist.`);
  if (client.secrets.length === 1) throw new CognitoError('InvalidParameterException', `Cannot delete the last secret of client ${client.id}`);
  client.secrets.splice(index, 1);
  client.secret = client.secrets[0]!.value;
}

/** Cognito's `ClientSecretDescriptorType`; the value only when asked (a secret Cognito generated, on creation). */
export function secretDescriptor(secret: ClientSecret, withValue: boolean) {
  return {
    ClientSecretId: secret.id,
    ...(withValue ? { ClientSecretValue: secret.value } : {}),
    ClientSecretCreateDate: secret.createdAt / 1000,
  };
}

function randomNumber(bytes: number): bigint {
  return BigInt(`0x${randomBytes(bytes).toString('hex')}`);
}
