import type { FastifyInstance } from 'fastify';
import { sendNotFound } from '../../plugins/error-handler.js';
import { requireJsonContentType } from '../../security/json-content-type.js';
import type { Services } from '../../services.js';
import { adminTokenGuard } from '../../security/admin-token.js';
import { appServicesControlRoutes } from './app-services.js';
import { clockRoutes } from './clock.js';
import { codeRoutes } from './codes.js';
import { faultRoutes } from './faults.js';
import { keyRoutes } from './keys.js';
import { mfaRoutes } from './mfa.js';
import { poolRoutes } from './pools.js';
import { resetRoutes } from './reset.js';
import { scenarioRoutes } from './scenarios.js';
import { tokenRoutes } from './tokens.js';
import { triggerRoutes } from './triggers.js';
import { verifyRoutes } from './verify.js';

/**
 * The `/_mock` control API: everything a test or a demo drives the mock with.
 * With `config.adminToken` set, every request under `/_mock` (unknown paths
 * included) needs it as a Bearer token. Requests that can change state need
 * `Content-Type: application/json`, so a browser must preflight them; no
 * CORS header is ever sent here, so no other origin gets a grant or a read.
 */
export async function controlApi(app: FastifyInstance, { prefix: _prefix, ...services }: Services & { prefix?: string }) {
  if (services.config.adminToken !== null) app.addHook('onRequest', adminTokenGuard(services.config.adminToken));
  // Cross-site requests: what a page may send without a CORS preflight (a form, a bodyless POST) changes nothing.
  app.addHook('onRequest', requireJsonContentType);
  // Unknown paths under /_mock answer here, behind the guard, so they reveal nothing without the token.
  app.setNotFoundHandler(sendNotFound);
  await app.register(scenarioRoutes);
  await app.register(poolRoutes, services);
  await app.register(codeRoutes, services);
  await app.register(mfaRoutes, services);
  await app.register(tokenRoutes, services);
  await app.register(verifyRoutes, services);
  await app.register(keyRoutes, services);
  await app.register(clockRoutes, services);
  await app.register(faultRoutes, services);
  await app.register(triggerRoutes, services);
  await app.register(resetRoutes, services);
  await app.register(appServicesControlRoutes, services);
}
