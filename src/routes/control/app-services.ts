import type { FastifyInstance } from 'fastify';
import type { AppUser } from '../../app-services/store/types.js';
import { MockIdpError } from '../../errors.js';
import type { AppServicesAppsResponse } from '../../page/wire.js';
import type { Services } from '../../services.js';

type Params = { appId: string; userId: string };

/**
 * `/_mock/app-services/…`: the configured apps, and their users and
 * sessions (list, disable, enable, delete, revoke sessions), as the App
 * Services admin UI would offer.
 */
export async function appServicesControlRoutes(app: FastifyInstance, { appServices, urls }: Pick<Services, 'appServices' | 'urls'>) {
  const appOf = (appId: string) => {
    const found = appServices.apps.find((a) => a.appId === appId);
    if (!found) throw new MockIdpError('UNKNOWN_APP', `no App Services app "${appId}" (apps: ${appServices.apps.map((a) => a.appId).join(', ')})`);
    return found;
  };
  const found = (user: AppUser | null, { appId, userId }: Params): AppUser => {
    if (!user) throw new MockIdpError('UNKNOWN_APP_USER', `app ${appId} has no user "${userId}"`);
    return user;
  };

  app.get('/app-services/apps', async (): Promise<AppServicesAppsResponse> => ({
    store: { kind: appServices.store.kind, description: appServices.store.description },
    apps: appServices.apps.map((a) => ({
      appId: a.appId,
      name: a.name,
      baseUrl: urls.base,
      locationUrl: `${urls.base}/api/client/v2.0/app/${a.appId}/location`,
      loginUrl: `${urls.base}/api/client/v2.0/app/${a.appId}/auth/providers/custom-token/login`,
      provider: a.provider && {
        id: a.provider.id,
        disabled: a.provider.disabled,
        signingAlgorithm: a.provider.algorithm,
        jwkUri: appServices.jwkUriOf(a.provider),
        audience: a.provider.audiences,
        requireAnyAudience: a.provider.requireAnyAudience,
        metadataFields: a.provider.metadataFields.map((f) => ({ name: f.name, field_name: f.fieldName, required: f.required })),
      },
      providerConfig: a.providerJson,
    })),
  }));

  app.get<{ Params: { appId: string } }>('/app-services/apps/:appId/users', async (request) => {
    appOf(request.params.appId);
    return { users: await appServices.store.listUsers(request.params.appId) };
  });

  app.get<{ Params: Params }>('/app-services/apps/:appId/users/:userId', async (request) => {
    appOf(request.params.appId);
    return found(await appServices.store.getUser(request.params.appId, request.params.userId), request.params);
  });

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: Params }>(`/app-services/apps/:appId/users/:userId/${action}`, async (request) => {
      appOf(request.params.appId);
      const user = found(await appServices.store.setUserDisabled(request.params.appId, request.params.userId, disabled), request.params);
      request.log.info({ appId: user.appId, userId: user.id }, `App Services user ${action}d`);
      return user;
    });
  }

  app.delete<{ Params: Params }>('/app-services/apps/:appId/users/:userId', async (request) => {
    appOf(request.params.appId);
    if (!(await appServices.store.deleteUser(request.params.appId, request.params.userId))) found(null, request.params);
    return { deleted: request.params.userId };
  });

  app.delete<{ Params: Params }>('/app-services/apps/:appId/users/:userId/sessions', async (request) => {
    appOf(request.params.appId);
    found(await appServices.store.getUser(request.params.appId, request.params.userId), request.params);
    return { revoked: await appServices.store.deleteUserSessions(request.params.appId, request.params.userId) };
  });
}
