import t from 'tap';
import { ManualClock } from '../../src/clock.js';
import { ConfirmationCodes } from '../../src/cognito/confirmation-codes.js';
import { CognitoError } from '../../src/cognito/errors.js';

const to = { attributeName: 'email', deliveryMedium: 'EMAIL' as const, destination: 'a@example.com' };
const day = 86_400_000;
const typeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as CognitoError).type;
  }
  return 'none';
};

t.test('an expired code answers ExpiredCodeException for one more lifetime, then is forgotten like any wrong code', async (t) => {
  const clock = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
  const codes = new ConfirmationCodes(clock);
  const { code } = codes.issue('us-east-1_P', 'ann', 'SIGN_UP', to);
  clock.advanceBy(day + 1000);
  t.equal(
    typeOf(() => codes.use('us-east-1_P', 'ann', 'SIGN_UP', code)),
    'ExpiredCodeException',
    'the right code, expired',
  );
  clock.advanceBy(day);
  codes.issue('us-east-1_P', 'someone-else', 'SIGN_UP', to); // a sweep runs when a code is issued
  t.equal(codes.list('us-east-1_P', 'ann').length, 0, 'dropped one lifetime after it expired');
  t.equal(
    typeOf(() => codes.use('us-east-1_P', 'ann', 'SIGN_UP', code)),
    'CodeMismatchException',
  );
});

t.test('codes held stay bounded by the live ones, however many were sent', async (t) => {
  const clock = new ManualClock(Date.parse('2030-01-01T00:00:00Z'));
  const codes = new ConfirmationCodes(clock);
  for (let i = 0; i < 3000; i++) codes.issue('us-east-1_P', `user-${i}`, 'FORGOT_PASSWORD', to);
  t.equal(codes.size, 3000);
  clock.advanceBy(3 * 3600_000); // past expiry plus a lifetime of a 1-hour code
  for (let i = 0; i < 100; i++) codes.issue('us-east-1_P', `late-${i}`, 'FORGOT_PASSWORD', to);
  t.equal(codes.size, 100, 'only the codes sent since are held');
});
