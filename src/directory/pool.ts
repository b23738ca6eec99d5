import type { ClaimRules, ClientConfig, IssuerStyle, UserRecord } from '../config/types.js';

/**
 * A pool's Cognito settings, under Cognito's own member names (the `UserPoolType`
 * of CreateUserPool / DescribeUserPool), so what was given is described back
 * verbatim. The members mock-idp acts on are typed; the rest are stored and
 * described as given.
 */
export interface PoolSettings {
  Policies: {
    PasswordPolicy: PasswordPolicy;
    SignInPolicy?: { AllowedFirstAuthFactors?: string[] };
  };
  /** Sign in with these instead of a username (the username is then the user's sub). */
  UsernameAttributes?: Array<'email' | 'phone_number'>;
  /** Sign in with these as well as the username. */
  AliasAttributes?: Array<'email' | 'phone_number' | 'preferred_username'>;
  /** Verified by a code sent at sign-up. */
  AutoVerifiedAttributes?: Array<'email' | 'phone_number'>;
  SchemaAttributes: SchemaAttribute[];
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: boolean; UnusedAccountValidityDays?: number; InviteMessageTemplate?: Record<string, string> };
  DeletionProtection: 'ACTIVE' | 'INACTIVE';
  UserPoolTags: Record<string, string>;
  MfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  /** Trigger functions by trigger name; stored and described (the trigger work acts on them). */
  LambdaConfig: Record<string, unknown>;
  UsernameConfiguration?: { CaseSensitive: boolean };
  [member: string]: unknown;
}

/** Cognito's `PasswordPolicyType`. */
export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  PasswordHistorySize?: number;
  TemporaryPasswordValidityDays: number;
}

/** Cognito's `SchemaAttributeType`, as DescribeUserPool lists it. */
export interface SchemaAttribute {
  Name: string;
  AttributeDataType: 'String' | 'Number' | 'DateTime' | 'Boolean';
  DeveloperOnlyAttribute: boolean;
  Mutable: boolean;
  Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string };
  NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
}

/** A group (CreateGroup). Times are epoch milliseconds. */
export interface Group {
  name: string;
  description?: string;
  /** Lower wins: its role is `cognito:preferred_role`. */
  precedence?: number;
  roleArn?: string;
  createdAt: number;
  modifiedAt: number;
}

/** A resource server (CreateResourceServer): its scopes are `{identifier}/{ScopeName}`. */
export interface ResourceServer {
  identifier: string;
  name: string;
  scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
}

/** An identity provider (CreateIdentityProvider): stored and described; federation is not emulated. */
export interface IdentityProvider {
  name: string;
  type: string;
  details: Record<string, string>;
  attributeMapping: Record<string, string>;
  idpIdentifiers: string[];
  createdAt: number;
  modifiedAt: number;
}

/** The pool's domain (CreateUserPoolDomain); mock-idp serves the hosted login itself whatever it is. */
export interface PoolDomain {
  domain: string;
  customDomainConfig?: { CertificateArn: string; SecurityPolicy?: string };
  managedLoginVersion?: number;
  /** Cognito's `RoutingType` (failover), stored and described as given. */
  routing?: Record<string, unknown>;
  createdAt: number;
}

/** One client secret of a client (AddUserPoolClientSecret); up to two. */
export interface ClientSecret {
  id: string;
  value: string;
  createdAt: number;
}

/** An app client with every member of its config filled in (see `clientFromConfig`). */
export interface Client extends Required<ClientConfig> {
  /**
   * Every secret the client accepts (SECRET_HASH, OAuth client authentication). `secret` is the first,
   * or null for a public client.
   */
  secrets: ClientSecret[];
  /**
   * Cognito's `UserPoolClientType` members mock-idp does not act on yet, and those it describes
   * back verbatim (ExplicitAuthFlows, AllowedOAuthFlows, ReadAttributes, …). Keyed by Cognito's names.
   */
  settings: Record<string, unknown>;
  createdAt: number;
  modifiedAt: number;
}

export interface Pool {
  id: string;
  /** The AWS region, the part of the id before `_`. */
  region: string;
  /** Cognito's PoolName; for configured pools, the part of the id after `_`. */
  name: string;
  /** From the config file, or made with CreateUserPool (POST /_mock/reset deletes those). */
  origin: 'config' | 'api';
  clients: Client[];
  /** Changed only through the {@link Directory}, which keeps its username index in step. */
  readonly users: readonly UserRecord[];
  claimRules: ClaimRules;
  settings: PoolSettings;
  groups: Group[];
  domain: PoolDomain | null;
  resourceServers: ResourceServer[];
  identityProviders: IdentityProvider[];
  /**
   * SetUserPoolMfaConfig's members other than MfaConfiguration (which is `settings.MfaConfiguration`):
   * SoftwareTokenMfaConfiguration is acted on, the others are stored and described as given. Absent: none set.
   */
  mfaConfig?: PoolMfaConfig;
  /** Epoch milliseconds. */
  createdAt: number;
  modifiedAt: number;
  /** The config file's `issuerStyle` for this pool, if it names one (see `poolIssuerStyle`). */
  issuerStyle?: IssuerStyle;
}

/** A pool's MFA types (SetUserPoolMfaConfig), under Cognito's member names. */
export interface PoolMfaConfig {
  SoftwareTokenMfaConfiguration?: { Enabled: boolean };
  SmsMfaConfiguration?: Record<string, unknown>;
  EmailMfaConfiguration?: Record<string, unknown>;
  WebAuthnConfiguration?: Record<string, unknown>;
}

/** Cognito's default password policy (a pool created with none). */
export const defaultPasswordPolicy: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

const text = (Name: string, Mutable = true): SchemaAttribute => ({
  Name,
  AttributeDataType: 'String',
  DeveloperOnlyAttribute: false,
  Mutable,
  Required: false,
  StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
});
const flag = (Name: string): SchemaAttribute => ({ Name, AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false });

/** The standard attributes every pool's schema holds, as DescribeUserPool lists them. */
export function standardSchema(): SchemaAttribute[] {
  return [
    { ...text('sub', false), Required: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' } },
    ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'email'].map((n) => text(n)),
    flag('email_verified'),
    text('gender'),
    { ...text('birthdate'), StringAttributeConstraints: { MinLength: '10', MaxLength: '10' } },
    ...['zoneinfo', 'locale', 'phone_number'].map((n) => text(n)),
    flag('phone_number_verified'),
    text('address'),
    { Name: 'updated_at', AttributeDataType: 'Number', DeveloperOnlyAttribute: false, Mutable: true, Required: false, NumberAttributeConstraints: { MinValue: '0' } },
  ];
}

/** The settings of a pool given nothing but a name (and of every configured pool). */
export function defaultPoolSettings(): PoolSettings {
  return {
    Policies: { PasswordPolicy: { ...defaultPasswordPolicy } },
    SchemaAttributes: standardSchema(),
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, UnusedAccountValidityDays: 7 },
    DeletionProtection: 'INACTIVE',
    UserPoolTags: {},
    MfaConfiguration: 'OFF',
    LambdaConfig: {},
  };
}
