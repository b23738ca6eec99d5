/**
 * A keys file is checked whole at start: every key must be able to sign RS256
 * (RSA, at least 2048 bits, alg RS256 if any, a private key), else
 * INVALID_KEYS_FILE naming the key's index and the reason. No message, on any
 * path, quotes the private members (d, p, q, dp, dq, qi): a JSON error names a
 * line and column, never the text around it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { MockIdpError } from '../../src/errors.js';
import { readKeysFile } from '../../src/keys/key-file.js';
import { jsonErrorOffset } from '../../src/runtime/json-error-position.js';
import { startTestIdp, testKeysFile } from '../helpers/idp.js';

const fixtureText = await readFile(testKeysFile, 'utf8');
const fixture = JSON.parse(fixtureText) as { keys: Array<Record<string, any>> };
const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

/** Every 6-character piece of every private member in the fixture. */
const secretPieces = new Set<string>();
for (const key of fixture.keys) {
  for (const member of privateMembers) {
    const value = String(key.privateJwk[member]);
    for (let i = 0; i + 6 <= value.length; i++) secretPieces.add(value.slice(i, i + 6));
  }
}

function assertNoKeyMaterial(t: Test, message: string, what: string, secrets: Iterable<string> = []): void {
  const pieces = new Set(secretPieces);
  for (const value of secrets) for (let i = 0; i + 6 <= value.length; i++) pieces.add(value.slice(i, i + 6));
  for (let i = 0; i + 6 <= message.length; i++) {
    if (pieces.has(message.slice(i, i + 6))) return void t.fail(`${what}: the message quotes key material: ${message}`);
  }
  t.pass(`${what}: no key material in the message`);
}

let counter = 0;
async function readText(t: Test, dir: string, text: string): Promise<unknown> {
  const path = join(dir, `keys-${counter++}.json`);
  await writeFile(path, text);
  return readKeysFile(path).then(
    () => null,
    (error: unknown) => error,
  );
}

/** The fixture with key `index` changed by `change`. */
function withKey(index: number, change: (key: Record<string, any>) => void): string {
  const copy = structuredClone(fixture);
  change(copy.keys[index]!);
  return JSON.stringify(copy, null, 2);
}

const smallRsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'jwk' });
const rsa2040 = generateKeyPairSync('rsa', { modulusLength: 2040 }).privateKey.export({ format: 'jwk' });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
const extraSecrets = [smallRsa, rsa2040, ec].flatMap((jwk) => ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => (jwk as Record<string, string>)[m]).filter((v): v is string => typeof v === 'string'));

t.test('a key that cannot sign RS256 is refused: INVALID_KEYS_FILE naming its index and why', async (t) => {
  const dir = t.testdir({});
  const cases: Array<[string, number, (key: Record<string, any>) => void, RegExp]> = [
    ['RSA-1024', 1, (k) => (k.privateJwk = smallRsa), /keys\[1\].*1024 bits, under the 2048/],
    ['RSA-2040', 2, (k) => (k.privateJwk = rsa2040), /keys\[2\].*2040 bits/],
    ['an EC key', 0, (k) => (k.privateJwk = ec), /keys\[0\].*not an RSA key \(kty "EC"\)/],
    ['alg RS512', 3, (k) => (k.privateJwk.alg = 'RS512'), /keys\[3\].*alg is "RS512", not RS256/],
    ['alg PS256', 0, (k) => (k.privateJwk.alg = 'PS256'), /keys\[0\].*alg is "PS256"/],
    ['alg none', 0, (k) => (k.privateJwk.alg = 'none'), /keys\[0\].*alg/],
    ['use enc', 1, (k) => (k.privateJwk.use = 'enc'), /keys\[1\].*use is "enc"/],
    ['key_ops without sign', 1, (k) => (k.privateJwk.key_ops = ['verify']), /keys\[1\].*key_ops/],
    ['a public key', 2, (k) => (k.privateJwk = { kty: 'RSA', n: k.privateJwk.n, e: k.privateJwk.e }), /keys\[2\].*public key/],
    ['no kty', 0, (k) => delete k.privateJwk.kty, /keys\[0\].*kty missing/],
    ['no privateJwk', 0, (k) => delete k.privateJwk, /keys\[0\].*not a JWK/],
    ['privateJwk a string', 0, (k) => (k.privateJwk = k.privateJwk.d), /keys\[0\].*not a JWK/],
    ['n missing', 3, (k) => delete k.privateJwk.n, /keys\[3\].*"n"/],
    ['e a number', 3, (k) => (k.privateJwk.e = 65537), /keys\[3\].*"e"/],
    ...privateMembers.flatMap((m): Array<[string, number, (key: Record<string, any>) => void, RegExp]> => [
      [`${m} missing`, 1, (k) => delete k.privateJwk[m], new RegExp(`keys\\[1\\].*"${m}" is missing`)],
      [`${m} not base64url`, 2, (k) => (k.privateJwk[m] = `${k.privateJwk[m].slice(0, 40)}+/=`), new RegExp(`keys\\[2\\].*"${m}" is missing or not base64url`)],
      [`${m} a number`, 0, (k) => (k.privateJwk[m] = 12345678901234), new RegExp(`keys\\[0\\].*"${m}"`)],
      [`${m} from another key`, 3, (k) => (k.privateJwk[m] = fixture.keys[0]!.privateJwk[m]), /keys\[3\]/],
      [`${m} cut short`, 3, (k) => (k.privateJwk[m] = k.privateJwk[m].slice(0, 20)), /keys\[3\]/],
    ]),
    ['use refresh', 2, (k) => (k.use = 'refresh'), /keys\[2\]\.use/],
    ['pool a number', 2, (k) => (k.pool = 7), /keys\[2\]\.pool/],
    ['createdAt not a time', 1, (k) => (k.createdAt = 'yesterday'), /keys\[1\]\.createdAt/],
    ['activatesAt missing', 1, (k) => delete k.activatesAt, /keys\[1\]\.activatesAt/],
    ['retiresAt a number', 1, (k) => (k.retiresAt = true), /keys\[1\]\.retiresAt/],
  ];
  for (const [what, index, change, reason] of cases) {
    const error = await readText(t, dir, withKey(index, change));
    // A member swapped in from another key may still import: then it is not this test's concern, but must not crash.
    if (error === null && /from another key|cut short/.test(what)) {
      t.pass(`${what}: imported (the crypto library took it)`);
      continue;
    }
    t.ok(error instanceof MockIdpError, `${what}: a MockIdpError`);
    t.equal((error as MockIdpError).code, 'INVALID_KEYS_FILE', `${what}: INVALID_KEYS_FILE`);
    t.match((error as Error).message, reason, `${what}: names the key and the reason`);
    assertNoKeyMaterial(t, (error as Error).message, what, extraSecrets);
  }
  const notObject = await readText(t, dir, JSON.stringify({ ...fixture, keys: [fixture.keys[0], null] }));
  t.match((notObject as Error).message, /keys\[1\] is not an object/, 'a null entry');
  t.equal(await readText(t, dir, fixtureText), null, 'the fixture itself loads');
});

t.test('bad JSON anywhere: the line and column, never the text around it', async (t) => {
  const dir = t.testdir({});
  // Positions spread over the whole file, inside the private members included.
  const positions = new Set<number>([0, 1, fixtureText.length - 1, fixtureText.length]);
  for (let i = 7; i < fixtureText.length; i += 97) positions.add(i);
  for (const member of privateMembers) {
    const at = fixtureText.indexOf(`"${member}": "`) + member.length + 6;
    for (const offset of [0, 1, 10, 50, 200]) positions.add(at + offset);
  }
  const edits: Array<[string, (text: string, i: number) => string]> = [
    ['cut', (text, i) => text.slice(0, i)],
    ['a quote inserted', (text, i) => `${text.slice(0, i)}"${text.slice(i)}`],
    ['a brace inserted', (text, i) => `${text.slice(0, i)}}${text.slice(i)}`],
    ['a control character', (text, i) => `${text.slice(0, i)}\u0001${text.slice(i)}`],
    ['a backslash', (text, i) => `${text.slice(0, i)}\\${text.slice(i)}`],
    ['a character replaced by x', (text, i) => `${text.slice(0, i)}x${text.slice(i + 1)}`],
  ];
  let invalid = 0;
  const disagreements: string[] = [];
  const wrong: string[] = [];
  for (const i of [...positions].sort((a, b) => a - b)) {
    for (const [what, edit] of edits) {
      const text = edit(fixtureText, i);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      if ((jsonErrorOffset(text) === -1) !== parses) disagreements.push(`${what} at ${i}`);
      if (parses) continue;
      invalid++;
      const error = await readText(t, dir, text);
      const message = (error as Error | null)?.message ?? '';
      if ((error as MockIdpError | null)?.code !== 'INVALID_KEYS_FILE' || !/not valid JSON \(line \d+, column \d+\)$/.test(message)) wrong.push(`${what} at ${i}: ${message}`);
      for (let j = 0; j + 6 <= message.length; j++) {
        if (secretPieces.has(message.slice(j, j + 6))) wrong.push(`${what} at ${i}: quotes key material`);
      }
    }
  }
  t.same(disagreements, [], 'the position scanner agrees with JSON.parse on what is valid');
  t.same(wrong, [], 'every invalid file: INVALID_KEYS_FILE, a line and column, no key material');
  t.ok(invalid > 100, `${invalid} invalid files tried`);
});

t.test('the server refuses to start with such a keys file', async (t) => {
  const dir = t.testdir({ 'keys.json': withKey(1, (k) => (k.privateJwk = smallRsa)) });
  await t.rejects(startTestIdp(t, { config: { keys: { file: join(dir, 'keys.json'), seedFile: null } } }), { code: 'INVALID_KEYS_FILE', message: /keys\[1\]/ });
});
