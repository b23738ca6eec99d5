import { CognitoError } from '../../cognito/errors.js';
import { acceptTotp, userMfa } from '../../cognito/mfa.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { softwareTokenUser } from './software-token-user.js';

/**
 * `VerifySoftwareToken`: a current RFC 6238 code (one 30-second step of tolerance either side, each
 * code once) of the secret AssociateSoftwareToken gave makes it the user's authenticator app. With an
 * MFA_SETUP Session, the answer carries the Session RespondToAuthChallenge MFA_SETUP takes. A wrong
 * code is EnableSoftwareTokenMFAException, as Cognito answers it, and changes nothing.
 */
export const verifySoftwareToken =
  (deps: Pick<CognitoApiDeps, 'signIns' | 'challenges' | 'directory' | 'clock' | 'dates'>): Handler =>
  async (body) => {
    const input = readInput(body, { AccessToken: 'string?', Session: 'string?', UserCode: 'string', FriendlyDeviceName: 'string?' });
    // UserCode: 6 characters of [0-9]+ (the botocore model's SoftwareTokenMFAUserCodeType).
    if (!/^[0-9]{6}$/.test(input.UserCode)) {
      throw validationError([`Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+ and have length 6`]);
    }
    const { user, challenge } = await softwareTokenUser(deps, input);
    const secret = user.mfa?.pendingTotpSecret;
    if (!secret) throw new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been associated: call AssociateSoftwareToken first.');
    if (!acceptTotp(user, secret, input.UserCode, deps.clock.now())) {
      throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
    }
    const mfa = userMfa(user);
    mfa.totpSecret = secret;
    delete mfa.pendingTotpSecret;
    if (input.FriendlyDeviceName !== undefined) mfa.totpDeviceName = input.FriendlyDeviceName;
    deps.dates.modified(user);
    if (!challenge) return { Status: 'SUCCESS' };
    deps.challenges.consume(challenge);
    const { id: _id, ...next } = challenge;
    return { Status: 'SUCCESS', Session: deps.challenges.seal({ ...next, verified: true }) };
  };
