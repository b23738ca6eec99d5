/**
 * MongoDB URIs carry credentials (`user:password@`, `authMechanismProperties`,
 * `tlsCertificateKeyFilePassword`); nothing mock-idp logs, shows in /health or
 * puts in an error message may contain them.
 */

const userinfo = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;
const secretParameter = /password|secret|token|authMechanismProperties/i;

/**
 * The URI with its user info and secret-looking query parameters replaced by `***`.
 *
 * @example
 * redactMongoUri('mongodb://app:s3cret@db:27017/?authSource=admin');
 * // 'mongodb://***@db:27017/?authSource=admin'
 */
export function redactMongoUri(uri: string): string {
  const withoutUser = uri.replace(userinfo, '$1***@');
  const queryStart = withoutUser.indexOf('?');
  if (queryStart === -1) return withoutUser;
  const query = withoutUser
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      return secretParameter.test(name) ? `${name}=***` : pair;
    })
    .join('&');
  return `${withoutUser.slice(0, queryStart)}?${query}`;
}

/**
 * `message` with every secret of `uri` (the whole URI, its user info, the
 * password alone, raw and percent-decoded) replaced by its redacted form; for
 * driver error messages, which may quote the URI or the user.
 */
export function scrubUriSecrets(message: string, uri: string): string {
  let scrubbed = message.split(uri).join(redactMongoUri(uri));
  const info = userinfo.exec(uri)?.[2];
  if (info === undefined) return scrubbed;
  const password = info.includes(':') ? info.slice(info.indexOf(':') + 1) : '';
  for (const secret of [info, safeDecode(info), password, safeDecode(password)]) {
    if (secret.length >= 3) scrubbed = scrubbed.split(secret).join('***');
  }
  return scrubbed;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
