import { MockIdpError } from '../../errors.js';

/**
 * The error `openStore` rejects with when the MongoDB it was told to use
 * cannot be had; the CLI prints its message and exits non-zero.
 */

/**
 * MongoDB could not be reached (or refused us) after every attempt. The
 * message names the URI without credentials and the driver's last reason.
 *
 * @example
 * try { await openStore(options); } catch (error) {
 *   if (error instanceof StoreUnavailableError) console.error(error.message);
 * }
 */
export class StoreUnavailableError extends MockIdpError {
  override readonly name: string = 'StoreUnavailableError';
  /** The URI without credentials. */
  readonly uri: string;
  /** How many connection attempts were made. */
  readonly attempts: number;

  constructor(message: string, details: { uri: string; attempts: number }) {
    super('STORE_UNAVAILABLE', message, details);
    this.uri = details.uri;
    this.attempts = details.attempts;
  }
}
