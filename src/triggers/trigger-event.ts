import type { Pool } from '../directory/pool.js';

/**
 * The event Cognito sends every trigger: the common parameters
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#cognito-user-pools-lambda-trigger-syntax-shared)
 * around the trigger source's own `request` and `response`.
 */
export interface TriggerEvent {
  version: string;
  triggerSource: string;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>;
  response: Record<string, unknown>;
}

/** What Cognito puts in `callerContext.clientId` when no app client is involved (AdminCreateUser). */
export const noClientId = 'CLIENT_ID_NOT_APPLICABLE';

/** What Cognito puts in `callerContext.awsSdkVersion` when the caller is no AWS SDK it recognises (the hosted UI, curl). */
export const unknownSdkVersion = 'aws-sdk-unknown-unknown';

export interface TriggerEventParts {
  pool: Pool;
  triggerSource: string;
  userName: string;
  /** The app client; null or absent gives `CLIENT_ID_NOT_APPLICABLE`. */
  clientId?: string | null | undefined;
  /** From the request's User-Agent ({@link awsSdkVersionOf}); absent gives `aws-sdk-unknown-unknown`. */
  awsSdkVersion?: string | undefined;
  /** The event's `version`: "1" for every trigger but PreTokenGeneration V2_0 ("2") and V3_0 ("3"). */
  version?: string | undefined;
  request: Record<string, unknown>;
  /** The trigger source's initial `response` (its members, with Cognito's defaults). */
  response?: Record<string, unknown> | undefined;
}

/** Builds the event (copies of `request` and `response`: the function may change what it is given). */
export function triggerEvent(parts: TriggerEventParts): TriggerEvent {
  return {
    version: parts.version ?? '1',
    triggerSource: parts.triggerSource,
    region: parts.pool.region,
    userPoolId: parts.pool.id,
    userName: parts.userName,
    callerContext: { awsSdkVersion: parts.awsSdkVersion ?? unknownSdkVersion, clientId: parts.clientId ?? noClientId },
    request: structuredClone(parts.request),
    response: structuredClone(parts.response ?? {}),
  };
}

/**
 * `callerContext.awsSdkVersion` from a request's User-Agent (and X-Amz-User-Agent): the first
 * `aws-sdk-<language>/<version>` product token, as `aws-sdk-<language>-<version>` (Cognito's sample events
 * show `aws-sdk-nodejs-2.799.0`, `aws-sdk-unknown-unknown`); the v3 JavaScript SDK sends `aws-sdk-js/3.x`.
 */
export function awsSdkVersionOf(...userAgents: Array<string | string[] | undefined>): string {
  for (const header of userAgents.flat()) {
    const match = header && /\baws-sdk-([a-z0-9]+)\/([0-9][\w.-]*)/i.exec(header);
    if (match) return `aws-sdk-${match[1]!.toLowerCase()}-${match[2]}`;
  }
  return unknownSdkVersion;
}
