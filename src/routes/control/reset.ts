import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';

/**
 * `POST /_mock/reset`: the clock back to real time, no faults, the configured
 * pools and fixture users as configured (pools made through the API deleted), no sign-ins, confirmation codes, authorization codes
 * or hosted-login sessions; with
 * `{"keys": true}` a fresh key ring too, and with `{"appServices": true}` no
 * App Services users or sessions.
 */
export async function resetRoutes(app: FastifyInstance, { state, clock, keyRing, keysFile, faults, store, directory, signIns, confirmationCodes, authorizationCodes, hostedUiSessions }: Pick<
    Services,
    'state' | 'clock' | 'keyRing' | 'keysFile' | 'faults' | 'store' | 'directory' | 'signIns' | 'confirmationCodes' | 'authorizationCodes' | 'hostedUiSessions'
  >) {
  app.post<{ Body: { keys?: boolean; appServices?: boolean } | undefined }>(
    '/reset',
    {
      schema: {
        body: { type: 'object', additionalProperties: false, properties: { keys: { type: 'boolean' }, appServices: { type: 'boolean' } } },
      },
    },
    async (request) => {
      clock.apply({ reset: true });
      faults.clear();
      // Pools, clients, groups and users made or changed at run time (CreateUserPool, SignUp…) and every sign-in are forgotten.
      const created = directory.pools().filter((p) => p.origin === 'api').map((p) => p.id);
      directory.resetPools(clock.now());
      for (const id of created) keyRing.removePool(id);
      // A configured pool deleted with DeleteUserPool is back: it gets new keys before the answer.
      await Promise.all(directory.pools().filter((p) => !keyRing.pools.includes(p.id)).map((p) => keyRing.addPool(p.id)));
      signIns.reset();
      confirmationCodes.clear();
      authorizationCodes.clear();
      hostedUiSessions.clear();
      if (request.body?.keys) {
        await keyRing.regenerate();
        // A new key ring answered is a key ring saved: a crash after this answer does not bring the old keys back.
        await keysFile?.flush();
      }
      if (request.body?.appServices) await store.clear();
      await state.save();
      request.log.info({ keys: Boolean(request.body?.keys), appServices: Boolean(request.body?.appServices) }, 'reset');
      return { clock: clock.state(), keys: keyRing.entries().map((e) => keyRing.info(e)), faults: faults.list() };
    },
  );
}
