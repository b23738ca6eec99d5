/**
 * Two mock-idps: the app's (a pool whose client signs in through an OIDC identity provider) and a second
 * one whose pool and client act as that provider (its discovery, hosted login, token endpoint, JWKS and
 * userInfo). The browser is plain fetch, following redirects by hand.
 */
import {
  AdminCreateUserCommand,
  CreateIdentityProviderCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  UpdateUserPoolClientCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Test } from 'tap';
import type { TriggerFunctionsConfig } from '../../src/config/types.js';
import type { TriggerInvocation } from '../../src/triggers/trigger-journal.js';
import { startCognito } from '../helpers/cognito.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { callback, cookieOf, get, postLogin } from '../helpers/oauth2.js';

export const providerName = 'Acme';

export interface FederationOptions {
  /** The app pool's LambdaConfig and the functions behind it. */
  lambdaConfig?: NonNullable<CreateUserPoolCommandInput['LambdaConfig']>;
  functions?: TriggerFunctionsConfig['functions'];
  /** More ProviderDetails (or replacements) for the app pool's provider. */
  details?: Record<string, string>;
  attributeMapping?: Record<string, string>;
}

/** The provider's pool, client and a user on the second server. */
async function startProvider(t: Test, appUrl: string) {
  const { idp, cognito } = await startCognito(t, { keyFactory: await fastKeyFactory() });
  const pool = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'acme' }))).UserPool!.Id!;
  const client = (
    await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: 'federation',
        GenerateSecret: true,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [`${appUrl}/oauth2/idpresponse`],
        SupportedIdentityProviders: ['COGNITO'],
      }),
    )
  ).UserPoolClient!;
  const ivy = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: 'ivy',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'ivy@acme.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Ivy Acme' },
      ],
    }),
  );
  const sub = ivy.User!.Attributes!.find((a) => a.Name === 'sub')!.Value!;
  return { idp, cognito, pool, clientId: client.ClientId!, clientSecret: client.ClientSecret!, issuer: `${idp.url}/${pool}`, ivySub: sub };
}

/** The app's server, pool, client (code flow to {@link callback}) and OIDC provider `Acme`, and the provider's server. */
export async function startFederation(t: Test, options: FederationOptions = {}) {
  const { idp, cognito } = await startCognito(t, {
    keyFactory: await fastKeyFactory(),
    config: { lambda: { endpoint: null, timeoutSeconds: 5, functions: options.functions ?? {} } },
  });
  const provider = await startProvider(t, idp.url);
  const poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: 'app', ...(options.lambdaConfig ? { LambdaConfig: options.lambdaConfig } : {}) }))).UserPool!.Id!;
  await cognito.send(
    new CreateIdentityProviderCommand({
      UserPoolId: poolId,
      ProviderName: providerName,
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: provider.clientId,
        client_secret: provider.clientSecret,
        authorize_scopes: 'openid email profile',
        attributes_request_method: 'GET',
        oidc_issuer: provider.issuer,
        ...options.details,
      },
      AttributeMapping: options.attributeMapping ?? { email: 'email', email_verified: 'email_verified', name: 'name' },
      IdpIdentifiers: ['acme.example'],
    }),
  );
  const clientId = (
    await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code', 'implicit'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: [callback],
        SupportedIdentityProviders: ['COGNITO', providerName],
      }),
    )
  ).UserPoolClient!.ClientId!;
  const journal = async (trigger?: string): Promise<TriggerInvocation[]> => {
    const res = await fetch(`${idp.url}/_mock/triggers?pool=${poolId}${trigger ? `&trigger=${trigger}` : ''}`);
    return ((await res.json()) as { invocations: TriggerInvocation[] }).invocations;
  };
  /** Lets the app client (code flow, `openid email`) sign in through these providers too. */
  const supportProviders = (...names: string[]) =>
    cognito.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email'],
        CallbackURLs: [callback],
        SupportedIdentityProviders: ['COGNITO', providerName, ...names],
      }),
    );
  return { idp, cognito: cognito, poolId, clientId, provider, journal, supportProviders };
}

/** The app's authorize query: code flow to {@link callback}, state `app-state`, the given extras. */
export function appQuery(clientId: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: callback, state: 'app-state', scope: 'openid email', ...extra }).toString();
}

/**
 * A browser's trip through the provider: the app server's authorize answers a 302 to the provider, whose
 * hosted login is passed by picking `username`; the provider sends the browser to `/oauth2/idpresponse`,
 * whose answer is returned (not followed).
 */
export async function throughProvider(t: Test, appAuthorizeUrl: string, username = 'ivy') {
  const first = await get(appAuthorizeUrl);
  t.equal(first.status, 302, 'authorize redirects to the provider');
  const atProvider = new URL(first.headers.get('location')!);
  const toLogin = await get(atProvider.href);
  t.equal(toLogin.status, 302, "the provider's authorize redirects to its login page");
  const loginUrl = toLogin.headers.get('location')!;
  const posted = await postLogin(loginUrl, { pick: username });
  t.equal(posted.status, 302, 'the provider signs the user in');
  const back = await get(posted.headers.get('location')!, { cookie: cookieOf(posted) });
  t.equal(back.status, 302, 'the provider sends the browser back');
  const idpResponse = back.headers.get('location')!;
  const answer = await get(idpResponse);
  return { atProvider, idpResponse: new URL(idpResponse), answer };
}
