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
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  readonly code = 'STORE_UNAVAILABLE' as const;
  /** The URI without credentials. */
  readonly uri: string;
  /** How many connection attempts were made. */
  readonly attempts: number;

  constructor(message: string, details: { uri: string; attempts: number }) {
    super(message);
    this.uri = details.uri;
    this.attempts = details.attempts;
  }
}
