import type { Pool } from '../directory/pool.js';

/**
 * The triggers a pool's LambdaConfig names, under Cognito's member names
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html).
 * CustomSMSSender and CustomEmailSender (KMS-encrypted codes) are stored but never run.
 */
export const triggerNames = [
  'PreSignUp',
  'PostConfirmation',
  'PreAuthentication',
  'PostAuthentication',
  'PreTokenGeneration',
  'CustomMessage',
  'UserMigration',
  'DefineAuthChallenge',
  'CreateAuthChallenge',
  'VerifyAuthChallengeResponse',
] as const;

export type TriggerName = (typeof triggerNames)[number];

/** PreTokenGenerationConfig.LambdaVersion (PreTokenGenerationVersionConfigType). */
export type PreTokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0';

/** The function a pool runs for a trigger. */
export interface TriggerFunction {
  arn: string;
  /** PreTokenGeneration only: the event version (V1_0 when only `PreTokenGeneration` is set). */
  lambdaVersion?: PreTokenGenerationVersion;
}

/**
 * The function `pool` runs for `trigger`, or null when it runs none. PreTokenGeneration takes
 * `PreTokenGenerationConfig.LambdaArn` first ("This parameter and the PreTokenGeneration property of
 * LambdaConfig have the same value", PreTokenGenerationVersionConfigType), then `PreTokenGeneration` as V1_0.
 */
export function triggerFunction(pool: Pool, trigger: TriggerName): TriggerFunction | null {
  const config = pool.settings.LambdaConfig;
  if (trigger === 'PreTokenGeneration') {
    const versioned = config.PreTokenGenerationConfig as { LambdaArn?: unknown; LambdaVersion?: unknown } | undefined;
    if (versioned && typeof versioned.LambdaArn === 'string') {
      const version = versioned.LambdaVersion === 'V2_0' || versioned.LambdaVersion === 'V3_0' ? versioned.LambdaVersion : 'V1_0';
      return { arn: versioned.LambdaArn, lambdaVersion: version };
    }
    return typeof config.PreTokenGeneration === 'string' ? { arn: config.PreTokenGeneration, lambdaVersion: 'V1_0' } : null;
  }
  const arn = config[trigger];
  return typeof arn === 'string' ? { arn } : null;
}
