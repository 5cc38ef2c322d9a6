import * as client from 'openid-client';
import { type Logger } from '@zhas/service-kit';
import { type PortalConfig } from './config';

/** Tokens as the session keeps them (on the server only). */
export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly idToken?: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The validated ID token's claims at sign-in or the last refresh. */
  readonly claims: Record<string, unknown>;
}

export interface LoginRequest {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly returnTo: string;
}

/**
 * The portal's client of the OpenID Connect provider (openid-client): authorization code with PKCE, refresh,
 * logout, and the client's own service-account token. Discovery is retried until the provider answers.
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly config: PortalConfig,
    private readonly logger: Logger,
  ) {}

  get redirectUri(): string {
    return `${this.config.PORTAL_PUBLIC_URL}/auth/callback`;
  }

  /** The provider's configuration; a failed discovery is tried again on the next call. */
  discovered(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        // A .well-known URL is read as given; an issuer URL must match the issuer its configuration names.
        new URL(this.config.OIDC_DISCOVERY_URL ?? this.config.OIDC_ISSUER),
        this.config.OIDC_CLIENT_ID,
        this.config.OIDC_CLIENT_SECRET,
        undefined,
        // A local provider speaks plain http; production requires https (config.ts).
        (this.config.OIDC_DISCOVERY_URL ?? this.config.OIDC_ISSUER).startsWith('http://')
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.warn({ err: error, issuer: this.config.OIDC_ISSUER }, 'OpenID Connect discovery failed');
        throw error;
      });
    return this.configuration;
  }

  async startLogin(
    returnTo: string,
    options: { language?: string; register?: boolean },
  ): Promise<{ url: URL; login: LoginRequest }> {
    const configuration = await this.discovered();
    const codeVerifier = client.randomPKCECodeVerifier();
    const login: LoginRequest = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      returnTo,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    };
    if (options.language) parameters.ui_locales = options.language;
    // OpenID Connect's prompt=create opens the provider's registration page (Keycloak supports it).
    if (options.register) parameters.prompt = 'create';
    return { url: client.buildAuthorizationUrl(configuration, parameters), login };
  }

  async finishLogin(callbackUrl: URL, login: LoginRequest): Promise<SessionTokens> {
    const configuration = await this.discovered();
    const response = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    return tokensOf(response);
  }

  async refresh(tokens: SessionTokens): Promise<SessionTokens> {
    if (!tokens.refreshToken) throw new Error('no refresh token');
    const response = await client.refreshTokenGrant(await this.discovered(), tokens.refreshToken);
    return tokensOf(response, tokens);
  }

  async logoutUrl(tokens: SessionTokens | undefined): Promise<string> {
    const configuration = await this.discovered();
    if (!configuration.serverMetadata().end_session_endpoint) return `${this.config.PORTAL_PUBLIC_URL}/`;
    return client
      .buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: `${this.config.PORTAL_PUBLIC_URL}/`,
        ...(tokens?.idToken ? { id_token_hint: tokens.idToken } : { client_id: this.config.OIDC_CLIENT_ID }),
      })
      .toString();
  }

  /** The realm's base URL as the portal reaches it (from the token endpoint, the back channel). */
  async realmBaseUrl(): Promise<string> {
    const tokenEndpoint = (await this.discovered()).serverMetadata().token_endpoint ?? '';
    return tokenEndpoint.replace(/\/protocol\/openid-connect\/token$/, '');
  }

  /** A token of the portal client's own service account (client credentials). */
  async serviceAccountToken(): Promise<string> {
    const response = await client.clientCredentialsGrant(await this.discovered());
    return response.access_token;
  }
}

function tokensOf(
  response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  previous?: SessionTokens,
): SessionTokens {
  const claims = response.claims();
  const expiresIn = response.expiresIn() ?? 60;
  return {
    accessToken: response.access_token,
    // A provider may not rotate refresh or ID tokens on refresh: keep the ones we had.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    idToken: response.id_token ?? previous?.idToken,
    expiresAt: Date.now() + expiresIn * 1000,
    claims: claims ? { ...claims } : (previous?.claims ?? {}),
  };
}
