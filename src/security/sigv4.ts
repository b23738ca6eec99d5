import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { CognitoError } from '../cognito/errors.js';
import { sameSecret } from './constant-time.js';

/** What a signature is checked against: the request as it arrived. */
export interface SignedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body as received (the Cognito API reads it as text). */
  body: string;
}

/** How far a request's `X-Amz-Date` may be from the server's clock, as AWS allows. */
export const signatureWindowMs = 5 * 60 * 1000;

const authorizationPattern = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Checks an AWS Signature Version 4 the way an AWS service does for IAM
 * callers, with `secretAccessKey` as the only secret (any access key id):
 * the request is signed again, over the headers the caller signed, with
 * `@smithy/signature-v4` (the AWS SDK's own signer), and the two signatures
 * compared in constant time. Throws Cognito's errors:
 * `MissingAuthenticationTokenException` without an Authorization header,
 * `IncompleteSignatureException` for a malformed one, `InvalidSignatureException`
 * for a wrong signature, a date outside ±5 minutes of `nowMs`, or a credential
 * scoped to another service.
 *
 * @example
 * await checkSignature({ method: 'POST', url: '/', headers, body }, adminToken, clock.now());
 */
export async function checkSignature(request: SignedRequest, secretAccessKey: string, nowMs: number): Promise<void> {
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = authorizationPattern.exec(authorization.trim());
  if (!m) {
    throw new CognitoError(
      'IncompleteSignatureException',
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, as AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/cognito-idp/aws4_request, SignedHeaders=<names>, Signature=<hex>",
    );
  }
  const [, accessKeyId = '', scopeDate = '', region = '', service = '', signedHeaderList = '', signature = ''] = m;
  if (service !== 'cognito-idp') throw new CognitoError('InvalidSignatureException', `Credential should be scoped to correct service: 'cognito-idp'.`);

  const amzDate = header(request.headers, 'x-amz-date');
  const signedAt = amzDate === undefined ? NaN : parseAmzDate(amzDate);
  if (!Number.isFinite(signedAt)) throw new CognitoError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (amzDate!.slice(0, 8) !== scopeDate)
    throw new CognitoError('InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate!.slice(0, 8)}'`);
  if (signedAt < nowMs - signatureWindowMs) {
    throw new CognitoError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than ${amzFormat(nowMs - signatureWindowMs)} (${amzFormat(nowMs)} - 5 min.)`);
  }
  if (signedAt > nowMs + signatureWindowMs) {
    throw new CognitoError('InvalidSignatureException', `Signature not yet current: ${amzDate} is still later than ${amzFormat(nowMs + signatureWindowMs)} (${amzFormat(nowMs)} + 5 min.)`);
  }

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) throw new CognitoError('InvalidSignatureException', 'Signature must cover the host header.');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = header(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const [path = '/', search = ''] = request.url.split('?', 2);
  // Loaded on the first signed call: servers without an admin token never need it.
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region, service, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  const expected = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: headers.host ?? '', path, query: parseQuery(search), headers, body: request.body },
    { signingDate: new Date(signedAt), signableHeaders: new Set(signedHeaders) },
  );
  const computed = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? ''))?.[1] ?? '';
  if (!sameSecret(signature, computed)) {
    throw new CognitoError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

/** A header's value, lists joined as Node joins repeated headers. */
function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `20261206T101500Z` → epoch ms; NaN when it is not that form. */
function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

function amzFormat(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

/** SHA-256 and HMAC-SHA256 from node:crypto, in the shape the signer takes (as @smithy/hash-node makes it). */
export class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.#hash.digest();
  }
  reset(): void {
    throw new Error('not used by the signer');
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}
