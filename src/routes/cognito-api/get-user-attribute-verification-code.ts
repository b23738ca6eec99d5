import { clientOfToken } from '../../cognito/client-settings.js';
import { requireValue, verifiableAttribute } from '../../cognito/verifiable-attributes.js';
import { userOfAccessToken } from './access-token.js';
import { readInput, validationError } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';

/**
 * `GetUserAttributeVerificationCode` (Amplify's `sendUserAttributeVerificationCode`): a
 * VERIFY_ATTRIBUTE code for the user's `email` or `phone_number`, "sent" like every code
 * (`GET /_mock/pools/{pool}/users/{username}/codes`, the info log); VerifyUserAttribute takes it.
 */
export const getUserAttributeVerificationCode =
  ({ signIns, codes, triggers }: Pick<CognitoApiDeps, 'signIns' | 'codes' | 'triggers'>): Handler =>
  async (body, context) => {
    const input = readInput(body, { AccessToken: 'string', AttributeName: 'string', ClientMetadata: 'stringMap?' });
    if (input.AttributeName.length > 32) {
      throw validationError([`Value '${input.AttributeName.slice(0, 60)}' at 'attributeName' failed to satisfy constraint: Member must have length less than or equal to 32`]);
    }
    const { pool, user, claims } = await userOfAccessToken(signIns, input.AccessToken);
    const name = verifiableAttribute(input.AttributeName);
    requireValue(user, name);
    const prepared = await prepareCode(
      triggers,
      { pool, user, purpose: 'VERIFY_ATTRIBUTE', source: 'CustomMessage_VerifyUserAttribute', only: name, clientId: clientOfToken(pool, claims)?.id, clientMetadata: input.ClientMetadata },
      context,
    );
    return { CodeDeliveryDetails: sendCode(codes, user, 'VERIFY_ATTRIBUTE', context, name, prepared)! };
  };
