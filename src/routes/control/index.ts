import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { appServicesControlRoutes } from './app-services.js';
import { clockRoutes } from './clock.js';
import { codeRoutes } from './codes.js';
import { faultRoutes } from './faults.js';
import { keyRoutes } from './keys.js';
import { poolRoutes } from './pools.js';
import { resetRoutes } from './reset.js';
import { scenarioRoutes } from './scenarios.js';
import { tokenRoutes } from './tokens.js';
import { verifyRoutes } from './verify.js';

/** The `/_mock` control API: everything a test or a demo drives the mock with. */
export async function controlApi(app: FastifyInstance, { prefix: _prefix, ...services }: Services & { prefix?: string }) {
  await app.register(scenarioRoutes);
  await app.register(poolRoutes, services);
  await app.register(codeRoutes, services);
  await app.register(tokenRoutes, services);
  await app.register(verifyRoutes, services);
  await app.register(keyRoutes, services);
  await app.register(clockRoutes, services);
  await app.register(faultRoutes, services);
  await app.register(resetRoutes, services);
  await app.register(appServicesControlRoutes, services);
}
