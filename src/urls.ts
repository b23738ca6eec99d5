import type { IssuerStyle, MockIdpConfig } from './config/types.js';

/**
 * Every URL the server puts in tokens, documents and logs, built from config:
 * `publicUrl` when set, else the listen address (known after `listen`, so
 * `--port 0` gives correct issuers). Nothing here hard-codes a host.
 */
export class PublicUrls {
  readonly #configured: string | null;
  readonly #style: IssuerStyle;
  #poolStyle: (poolId: string) => IssuerStyle | undefined = () => undefined;
  #listenBase: string;

  readonly #scheme: 'http' | 'https';

  constructor(config: Pick<MockIdpConfig, 'publicUrl' | 'host' | 'port' | 'issuerStyle'> & { tls?: { enabled: boolean } }) {
    this.#configured = config.publicUrl;
    this.#style = config.issuerStyle;
    this.#scheme = config.tls?.enabled ? 'https' : 'http';
    this.#listenBase = baseFor(this.#scheme, config.host, config.port);
  }

  /** Called once the server listens, with the port it got. */
  bind(host: string, port: number): void {
    this.#listenBase = baseFor(this.#scheme, host, port);
  }

  /** Where this process listens, as a URL (may differ from `base` behind a proxy or in a container). */
  get listenUrl(): string {
    return this.#listenBase;
  }

  /** The server's public origin (and path prefix, if any), without a trailing slash. */
  get base(): string {
    return this.#configured ?? this.#listenBase;
  }

  /** The server's issuer form; a pool may have its own ({@link styleOf}). */
  get issuerStyle(): IssuerStyle {
    return this.#style;
  }

  /** Where pools' own issuer forms come from (the directory); set once, when the services are built. */
  usePoolStyles(lookup: (poolId: string) => IssuerStyle | undefined): void {
    this.#poolStyle = lookup;
  }

  /** The issuer form of a pool: its own, else the server's. */
  styleOf(poolId: string): IssuerStyle {
    return this.#poolStyle(poolId) ?? this.#style;
  }

  /**
   * The pool's issuer in its form ({@link styleOf}; `like` names another pool whose form to use, for an
   * issuer of no pool): `local` `{publicUrl}/{poolId}`; `cognito` (Cognito's ORIGINAL)
   * `https://cognito-idp.{region}.amazonaws.com/{poolId}`; `cognito-updated` (UPDATED)
   * `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}`, the forms of the API reference's
   * IssuerConfigurationType.
   */
  issuer(poolId: string, like = poolId): string {
    const region = poolId.split('_')[0];
    switch (this.styleOf(like)) {
      case 'cognito':
        return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
      case 'cognito-updated':
        return `https://issuer-cognito-idp.${region}.amazonaws.com/${poolId}`;
      default:
        return `${this.base}/${poolId}`;
    }
  }

  /** Always on this server, whatever the issuer style. */
  jwksUri(poolId: string): string {
    return `${this.base}/${poolId}/.well-known/jwks.json`;
  }

  discoveryUri(poolId: string): string {
    return `${this.base}/${poolId}/.well-known/openid-configuration`;
  }
}

function baseFor(scheme: 'http' | 'https', host: string, port: number): string {
  // A wildcard address is not somewhere a client can connect to.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `${scheme}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
