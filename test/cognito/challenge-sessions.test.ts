/**
 * The sealed challenge strings (Session, SECRET_BLOCK) read for their kind before they are opened, as
 * RespondToAuthChallenge does for EMAIL_OTP (USER_AUTH's first factor or MFA): the open after `kindOf` reuses
 * what `kindOf` decrypted, and that never lets through a string `open` itself would refuse.
 */
import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import { ChallengeSessions, type MfaChallenge, type UserAuthChallenge } from '../../src/cognito/challenge-sessions.js';

const mfa: MfaChallenge = { kind: 'mfa', pool: 'us-east-1_LocalPool', client: 'c', username: 'alice', type: 'EMAIL_OTP' };
const otp: UserAuthChallenge = { kind: 'user-auth', step: 'EMAIL_OTP', pool: 'us-east-1_LocalPool', client: 'c', username: 'bob', known: true };
const expired = { type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' };

t.test('kindOf then open: the same challenge, for the string kindOf read and for any other', async (t) => {
  const sessions = new ChallengeSessions(new ManualClock(0));
  const first = sessions.seal(mfa);
  const second = sessions.seal(otp);
  t.equal(sessions.kindOf(first), 'mfa');
  t.match(sessions.open('mfa', first), mfa);
  t.equal(sessions.kindOf(first), 'mfa');
  t.match(sessions.open('user-auth', second), otp, 'another string is opened for itself');
  t.equal(sessions.kindOf('not sealed'), undefined);
  t.equal(sessions.kindOf(42), undefined);
});

t.test('what kindOf read is checked by open all the same: kind, use, expiry, reset', async (t) => {
  const clock = new ManualClock(0);
  const sessions = new ChallengeSessions(clock, 180);
  const token = sessions.seal(mfa);

  sessions.kindOf(token);
  t.throws(() => sessions.open('user-auth', token), expired, 'another kind');

  sessions.kindOf(token);
  sessions.consume(sessions.open('mfa', token));
  sessions.kindOf(token);
  t.throws(() => sessions.open('mfa', token), expired, 'used');

  const later = sessions.seal(mfa);
  sessions.kindOf(later);
  clock.advanceBy(180_000);
  t.throws(() => sessions.open('mfa', later), expired, 'expired');

  const beforeReset = sessions.seal(mfa);
  t.equal(sessions.kindOf(beforeReset), 'mfa');
  sessions.reset();
  t.throws(() => sessions.open('mfa', beforeReset), expired, 'sealed under the key a reset replaced');
  t.equal(sessions.kindOf(beforeReset), undefined);
});
