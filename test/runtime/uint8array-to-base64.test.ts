import { randomBytes } from 'node:crypto';
import { base64url } from 'jose';
import t from 'tap';
import { installUint8ArrayToBase64 } from '../../src/runtime/uint8array-to-base64.js';

type WithToBase64 = Uint8Array & { toBase64(options?: unknown): string };
const native = 'toBase64' in Uint8Array.prototype;
const encoded = (bytes: Uint8Array, options?: unknown) => (bytes as WithToBase64).toBase64(options);

t.test('installs only where the runtime has no native method, and only once', async (t) => {
  t.equal(installUint8ArrayToBase64(), !native, native ? 'the native method is left alone' : 'installed on this runtime');
  t.equal(installUint8ArrayToBase64(), false, 'a second call changes nothing');
  const descriptor = Object.getOwnPropertyDescriptor(Uint8Array.prototype, 'toBase64')!;
  t.match(descriptor, { writable: true, enumerable: false, configurable: true }, "a built-in method's attributes");
  t.equal(descriptor.value.length, 0, 'length 0, as specified');
  t.same(Object.keys(new Uint8Array(2)), ['0', '1'], 'nothing new shows up when enumerating a Uint8Array');
});

t.test('encodes as the specification says: both alphabets, with and without padding, of views into larger buffers', async (t) => {
  installUint8ArrayToBase64();
  for (let length = 0; length <= 9; length++) {
    const whole = randomBytes(length + 5);
    const bytes = new Uint8Array(whole.buffer, whole.byteOffset + 3, length);
    const reference = Buffer.from(bytes);
    const padded = reference.toString('base64');
    t.equal(encoded(bytes), padded, `${length} bytes, defaults: base64 with padding`);
    t.equal(encoded(bytes, { alphabet: 'base64', omitPadding: true }), padded.replace(/=+$/, ''), `${length} bytes, base64 without padding`);
    t.equal(encoded(bytes, { alphabet: 'base64url' }), padded.replaceAll('+', '-').replaceAll('/', '_'), `${length} bytes, base64url with padding`);
    t.equal(encoded(bytes, { alphabet: 'base64url', omitPadding: true }), reference.toString('base64url'), `${length} bytes, base64url without padding`);
  }
  t.equal(encoded(new Uint8Array([251, 255, 191])), '+/+/', 'the + and / of base64');
  t.equal(encoded(new Uint8Array([251, 255, 191]), { alphabet: 'base64url' }), '-_-_', 'the - and _ of base64url');
  t.equal(encoded(Buffer.from('hi')), 'aGk=', 'a Buffer is a Uint8Array');
});

t.test('refuses what the specification refuses, with a TypeError', async (t) => {
  installUint8ArrayToBase64();
  const bytes = new Uint8Array([1, 2, 3]);
  const method = (Uint8Array.prototype as WithToBase64).toBase64;
  t.throws(() => method.call(new Uint16Array(2)), TypeError, 'another typed array');
  t.throws(() => method.call({ length: 0 }), TypeError, 'an array-like object');
  t.throws(() => method.call(Object.create(Uint8Array.prototype)), TypeError, 'an object that only inherits from Uint8Array');
  t.throws(() => encoded(bytes, null), TypeError, 'null options');
  t.throws(() => encoded(bytes, 'base64url'), TypeError, 'options that are not an object');
  t.throws(() => encoded(bytes, { alphabet: 'hex' }), TypeError, 'an unknown alphabet');
  t.throws(() => encoded(bytes, { alphabet: new String('base64') }), TypeError, 'a String object as the alphabet');
  t.equal(encoded(bytes, { omitPadding: 1 }), 'AQID', 'omitPadding is read as a boolean');
});

t.test("jose's base64url encoding gives the same text through it as through its own fallback", async (t) => {
  installUint8ArrayToBase64();
  const installed = (Uint8Array.prototype as WithToBase64).toBase64;
  let calls = 0;
  Object.defineProperty(Uint8Array.prototype, 'toBase64', {
    value(this: Uint8Array, options?: unknown) {
      calls++;
      return installed.call(this, options);
    },
    writable: true,
    configurable: true,
  });
  t.teardown(() => Object.defineProperty(Uint8Array.prototype, 'toBase64', { value: installed, writable: true, configurable: true }));
  const bytes = randomBytes(1000);
  t.equal(base64url.encode(bytes), Buffer.from(bytes).toString('base64url'));
  t.equal(calls, 1, 'jose uses the method when there is one (the reason it is installed)');
  t.equal(base64url.encode('Cognito-shaped ✓'), Buffer.from('Cognito-shaped ✓').toString('base64url'), 'text is encoded as UTF-8 first');
});
