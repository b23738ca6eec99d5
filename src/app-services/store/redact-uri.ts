/**
 * MongoDB URIs carry credentials (`user:password@`, `authMechanismProperties`,
 * `tlsCertificateKeyFilePassword`); nothing mock-idp logs, shows in /health or
 * puts in an error message may contain them.
 */

const scheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const secretParameter = /password|secret|token|authMechanismProperties/i;

/**
 * Where the user info of `uri` ends (the index of its `@`), or -1 when it has none.
 *
 * People paste passwords unescaped, so the user info may hold any character, `/`, `?`, `#` and `@`
 * included: it runs to the LAST `@`. That `@` could also sit in the query (`?appName=a@b`) of a
 * URI without user info: the text before it is user info when the first `/`, `?` or `#` comes
 * after a `:` (`user:pa/ss@`), or when there is none. When that cannot be told from `host:port/?x=a@b`,
 * more is hidden rather than less.
 */
function userinfoEnd(uri: string): number {
  const start = scheme.exec(uri)?.[0].length;
  if (start === undefined) return -1;
  const at = uri.lastIndexOf('@');
  if (at < start) return -1;
  const before = uri.slice(start, at);
  const firstSegment = /^[^/?#]*/.exec(before)![0];
  return firstSegment === before || firstSegment.includes(':') ? at : -1;
}

/** The user info of `uri` (`user:password`), or undefined. */
function userinfo(uri: string): string | undefined {
  const end = userinfoEnd(uri);
  return end === -1 ? undefined : uri.slice(scheme.exec(uri)![0].length, end);
}

/**
 * The URI with its user info and secret-looking query parameters replaced by `***`.
 *
 * @example
 * redactMongoUri('mongodb://app:s3cret@db:27017/?authSource=admin');
 * // 'mongodb://***@db:27017/?authSource=admin'
 */
export function redactMongoUri(uri: string): string {
  const end = userinfoEnd(uri);
  const withoutUser = end === -1 ? uri : `${scheme.exec(uri)![0]}***${uri.slice(end)}`;
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
  const info = userinfo(uri);
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
