import { createRequire } from 'node:module';
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { formatTimestamp, modPow, N, padHex, parseTimestamp, passwordKey, serverEphemeral, verifierFor } from '../../src/cognito/srp.js';
import { secretHash } from '../../src/cognito/secret-hash.js';
import { checkPasswordPolicy, generatePassword } from '../../src/cognito/password-policy.js';
import { defaultPasswordPolicy } from '../../src/directory/pool.js';
import { CognitoError } from '../../src/cognito/errors.js';

t.test('padHex: even length, 00 in front of a set high bit', async (t) => {
  t.equal(padHex(0x14n), '14');
  t.equal(padHex(0xecn), '00ec');
  t.equal(padHex(0xabcn), '0abc');
  t.equal(padHex(0x8abcn), '008abc');
});

t.test('modPow mod N (OpenSSL) agrees with square-and-multiply, edge bases and exponents included', async (t) => {
  const reference = (base: bigint, exponent: bigint, modulus: bigint) => {
    let result = 1n;
    let b = ((base % modulus) + modulus) % modulus;
    for (let e = exponent; e > 0n; e >>= 1n) {
      if (e & 1n) result = (result * b) % modulus;
      b = (b * b) % modulus;
    }
    return result;
  };
  const random = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);
  const bases = [0n, 1n, 2n, N - 2n, N - 1n, N, N + 5n, -3n, random(384), random(400)];
  const exponents = [0n, 1n, 2n, random(32), random(128)];
  for (const base of bases) for (const exponent of exponents) t.equal(modPow(base, exponent, N), reference(base, exponent, N), `${base % 1000n}^…${exponent % 1000n}`);
  t.equal(modPow(5n, 117n, 1009n), reference(5n, 117n, 1009n), 'another modulus');
});

t.test('TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY`, day not zero-padded', async (t) => {
  const ms = Date.UTC(2024, 0, 2, 3, 4, 5);
  t.equal(formatTimestamp(ms), 'Tue Jan 2 03:04:05 UTC 2024');
  t.equal(parseTimestamp('Tue Jan 2 03:04:05 UTC 2024'), ms);
  t.equal(formatTimestamp(Date.UTC(2030, 11, 31, 23, 59, 59)), 'Tue Dec 31 23:59:59 UTC 2030');
  for (const bad of ['Tue Jan 02 03:04:05 UTC 2024', 'Wed Jan 2 03:04:05 UTC 2024', 'Tue Jan 2 3:04:05 UTC 2024', 'Tue Jan 2 03:04:05 GMT 2024', 'Tue Feb 30 03:04:05 UTC 2024', '']) {
    t.equal(parseTimestamp(bad), null, bad);
  }
});

t.test('the server key matches amazon-cognito-identity-js for the same password, and differs for another', async (t) => {
  const require = createRequire(import.meta.url);
  const AuthenticationHelper = require('amazon-cognito-identity-js/lib/AuthenticationHelper.js').default;
  const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default;
  const salt = '8f3a0b1c2d3e4f5061728394a5b6c7d8';
  const v = verifierFor('LocalPool', 'alice', 'Finding-8296-same!', salt);
  const { b, B } = serverEphemeral(v);
  const clientKey = (password: string) =>
    new Promise<Buffer>((resolve) => {
      const helper = new AuthenticationHelper('LocalPool');
      helper.getLargeAValue(() => {
        helper.getPasswordAuthenticationKey('alice', password, new BigInteger(B.toString(16), 16), new BigInteger(salt, 16), (_e: unknown, key: Buffer) =>
          resolve(Object.assign(Buffer.from(key), { A: BigInt(`0x${helper.largeAValue.toString(16)}`) })),
        );
      });
    });
  const right = (await clientKey('Finding-8296-same!')) as Buffer & { A: bigint };
  t.equal(passwordKey({ A: right.A, B, b, v })!.toString('hex'), right.toString('hex'));
  const wrong = (await clientKey('Wrong-8296-same!')) as Buffer & { A: bigint };
  t.not(passwordKey({ A: wrong.A, B, b, v })!.toString('hex'), wrong.toString('hex'));
  t.equal(passwordKey({ A: 0n, B, b, v }), null, 'A = 0 is refused');
});

t.test('SECRET_HASH is Base64(HMAC-SHA256(secret, username + clientId))', async (t) => {
  // printf 'alice1vngm1viu6qqksk0qckq8aag7p' | openssl dgst -sha256 -hmac secret -binary | base64
  t.equal(secretHash('secret', 'alice', '1vngm1viu6qqksk0qckq8aag7p'), '331ZgF/JdsTuquHWF4o+msyu08L5INBvQqtiLdic1No=');
});

t.test("the password policy: Cognito's default, its messages; generated passwords pass", async (t) => {
  const message = (p: string) => {
    try {
      checkPasswordPolicy(p, defaultPasswordPolicy);
      return null;
    } catch (error) {
      return error instanceof CognitoError ? `${error.type}: ${error.message}` : String(error);
    }
  };
  t.equal(message('Aa1!'), 'InvalidPasswordException: Password did not conform with policy: Password not long enough');
  t.equal(message('aaaa111!'), 'InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters');
  t.equal(message('AAAA111!'), 'InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters');
  t.equal(message('AAAAaaa!'), 'InvalidPasswordException: Password did not conform with policy: Password must have numeric characters');
  t.equal(message('AAAAaaa1'), 'InvalidPasswordException: Password did not conform with policy: Password must have symbol characters');
  t.equal(message('Finding-8296-same!'), null);
  for (let i = 0; i < 20; i++) t.equal(message(generatePassword(defaultPasswordPolicy)), null);
});
