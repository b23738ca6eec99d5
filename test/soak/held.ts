/**
 * What the server holds, counted: the figures the growth tests compare and the soak prints after each window.
 * Everything that lives per sign-in, per code or per pool is here; what is bounded by its own limit (the
 * trigger journal, the verify caches) is counted too, to see the limit hold.
 */
import type { Services } from '../../src/services.js';

export interface HeldCounts {
  pools: number;
  keys: number;
  signIns: number;
  usedChallenges: number;
  codes: number;
  srpVerifiers: number;
  hostedUiSessions: number;
  authorizationCodes: number;
  triggerJournal: number;
}

export function heldCounts(services: Services): HeldCounts {
  return {
    pools: services.directory.pools().length,
    keys: services.keyRing.entries().length,
    signIns: services.signIns.size,
    usedChallenges: services.challenges.usedHeld,
    codes: services.confirmationCodes.size,
    srpVerifiers: services.srpVerifiers.size,
    hostedUiSessions: services.hostedUiSessions.size,
    authorizationCodes: services.authorizationCodes.size,
    triggerJournal: services.triggers.journal.list().length,
  };
}
