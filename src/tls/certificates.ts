import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import type * as X509 from '@peculiar/x509';
import { MockIdpError } from '../errors.js';

type CryptoKey = webcrypto.CryptoKey;

/** The optional packages that making certificates needs (package.json "optionalDependencies"). */
export const tlsPackages = ['@peculiar/x509', 'reflect-metadata'] as const;

let loadedX509: typeof X509 | undefined;

/**
 * @peculiar/x509, loaded on first use: only `--tls` needs it, and it is an
 * optional dependency, so an install may lack it (`npm install --omit=optional`).
 * Then the error says what to install rather than which import failed.
 *
 * @example
 * const { X509CertificateGenerator } = await loadX509();
 */
export async function loadX509(): Promise<typeof X509> {
  if (loadedX509) return loadedX509;
  try {
    // @peculiar/x509 resolves its algorithms through tsyringe, which needs this polyfill loaded first (its README says so).
    await import('reflect-metadata');
    const loaded = await import('@peculiar/x509');
    loaded.cryptoProvider.set(webcrypto as unknown as Parameters<typeof loaded.cryptoProvider.set>[0]);
    return (loadedX509 = loaded);
  } catch (error) {
    const missing = tlsPackages.filter((name) => isMissingPackage(error, name));
    if (missing.length === 0) throw error;
    throw new MockIdpError(
      'OPTIONAL_PACKAGE_MISSING',
      `TLS needs the optional packages ${tlsPackages.join(' and ')} to make its certificates, and ${missing.join(', ')} is not installed: run \`npm install ${tlsPackages.join(' ')}\` (they are optional dependencies of mock-idp, left out by --omit=optional), or serve plain HTTP without --tls`,
      { missing },
    );
  }
}

/**
 * Whether `error` is "cannot find package `name`": Node's (ESM or CommonJS resolution, with its code), or a
 * resolve hook's that words it as Node does without the code (ts-node's ESM loader, for one).
 */
function isMissingPackage(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string' || !message.includes(`'${name}'`)) return false;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /^Cannot find (package|module) '/.test(message);
}

/** The files `--tls` writes (and reuses) in its folder. */
export const tlsFiles = {
  /** The local CA's certificate: trust it with NODE_EXTRA_CA_CERTS or your OS. */
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  cert: 'server.pem',
  key: 'server-key.pem',
} as const;

export interface TlsMaterial {
  /** PEM of the server certificate. */
  cert: string;
  /** PEM (PKCS#8) of the server key. */
  key: string;
  /** PEM of the CA certificate. */
  ca: string;
  /** Where the files are. */
  dir: string;
  /** True when existing files were reused. */
  reused: boolean;
}

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const dayMs = 86_400_000;

/**
 * A local CA and a server certificate for `hosts` (DNS names and IP
 * addresses), in `dir`. Existing files are reused when their certificate is
 * still valid for a day and covers every host, so NODE_EXTRA_CA_CERTS keeps
 * working across restarts; otherwise the server certificate (and, if missing,
 * the CA) is made anew. Certificates are built with @peculiar/x509, not by hand
 * (loaded only when one is made: reused files need only node:crypto).
 */
// eslint-disable-next-line no-restricted-properties -- TLS clients check validity against the wall clock, not the server's shiftable one
export async function ensureTlsMaterial(dir: string, hosts: readonly string[], now = Date.now()): Promise<TlsMaterial> {
  await mkdir(dir, { recursive: true });
  const read = (name: string) => readFile(join(dir, name), 'utf8').catch(() => null);
  const [ca, caKey, cert, key] = await Promise.all([read(tlsFiles.ca), read(tlsFiles.caKey), read(tlsFiles.cert), read(tlsFiles.key)]);
  if (ca && caKey && cert && key && covers(cert, hosts, now) && covers(ca, [], now)) return { ca, cert, key, dir, reused: true };

  const authority = ca && caKey && covers(ca, [], now) ? { cert: ca, key: await importKey(caKey) } : await createAuthority(now);
  const server = await createServerCertificate(authority, hosts, now);
  const caPem = authority.cert;
  await Promise.all([
    writeFile(join(dir, tlsFiles.ca), caPem),
    writeFile(join(dir, tlsFiles.caKey), await exportKey(authority.key), { mode: 0o600 }),
    writeFile(join(dir, tlsFiles.cert), server.cert),
    writeFile(join(dir, tlsFiles.key), server.key, { mode: 0o600 }),
  ]);
  return { ca: caPem, cert: server.cert, key: server.key, dir, reused: false };
}

async function createAuthority(now: number): Promise<{ cert: string; key: CryptoKey }> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: 'CN=mock-idp local CA (for tests only), O=mock-idp',
    notBefore: new Date(now - dayMs),
    notAfter: new Date(now + 3650 * dayMs),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: keys.privateKey };
}

async function createServerCertificate(authority: { cert: string; key: CryptoKey }, hosts: readonly string[], now: number) {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const ca = new x509.X509Certificate(authority.cert);
  const names = [...new Set(hosts)].map((host) => ({ type: isIP(host) ? ('ip' as const) : ('dns' as const), value: host }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${hosts[0] ?? 'localhost'}`,
    issuer: ca.subject,
    // Browsers refuse server certificates valid for more than 398 days.
    notBefore: new Date(now - dayMs),
    notAfter: new Date(now + 397 * dayMs),
    publicKey: keys.publicKey,
    signingKey: authority.key,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/** Whether a PEM certificate is valid for at least another day and names every host. */
function covers(pem: string, hosts: readonly string[], now: number): boolean {
  try {
    const cert = new NodeX509(pem);
    if (Date.parse(cert.validTo) < now + dayMs || Date.parse(cert.validFrom) > now) return false;
    return hosts.every((host) => (isIP(host) ? cert.checkIP(host) !== undefined : cert.checkHost(host) !== undefined));
  } catch {
    return false;
  }
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
}

function randomSerial(): string {
  // A positive 16-byte serial: clear the top bit.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0]! &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}
