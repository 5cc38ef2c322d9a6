import { type Express, type Request, type Response } from 'express';
import { HttpProblem, type Logger } from '@zhas/service-kit';
import { type AccountLink } from './account-link';
import { type OidcClient } from './oidc';
import { destroySession, regenerateSession, saveSession, type TokenKeeper } from './sessions';
import { safeReturnPath, userFromClaims } from './user';

const LANGUAGES = new Set(['kk', 'ru', 'en']);

/** Sign-in, sign-out, the session as the web app sees it, and registering as a participant. */
export function mountSessionRoutes(
  app: Express,
  deps: {
    readonly oidc: OidcClient;
    readonly tokens: TokenKeeper;
    readonly accountLink: AccountLink;
    readonly applicationsUrl: string;
    readonly publicUrl: string;
    readonly logger: Logger;
  },
): void {
  const { oidc, tokens, accountLink, logger } = deps;

  const startLogin = (register: boolean) => async (req: Request, res: Response) => {
    const language =
      typeof req.query.lang === 'string' && LANGUAGES.has(req.query.lang) ? req.query.lang : undefined;
    const { url, login } = await oidc.startLogin(safeReturnPath(req.query.returnTo), {
      ...(language ? { language } : {}),
      register,
    });
    req.session.login = login;
    await saveSession(req);
    res.redirect(303, url.toString());
  };
  app.get('/auth/login', startLogin(false));
  app.get('/auth/register', startLogin(true));

  app.get('/auth/callback', async (req, res) => {
    const login = req.session.login;
    if (!login) {
      // An old or repeated callback (the back button): start again rather than show an error page.
      res.redirect(303, '/');
      return;
    }
    const error = typeof req.query.error === 'string' ? req.query.error : undefined;
    if (error) {
      delete req.session.login;
      await saveSession(req);
      logger.info({ error }, 'sign-in ended at the provider');
      res.redirect(303, '/');
      return;
    }
    const signedIn = await oidc.finishLogin(new URL(req.originalUrl, deps.publicUrl), login);
    // A new session id at sign-in: an id planted before cannot be ridden.
    await regenerateSession(req);
    req.session.tokens = signedIn;
    await saveSession(req);
    res.redirect(303, login.returnTo);
  });

  app.post('/auth/logout', async (req, res) => {
    const url = await oidc.logoutUrl(req.session.tokens);
    await destroySession(req);
    res.clearCookie('zhas.sid', { path: '/' });
    res.json({ logoutUrl: url });
  });

  app.get('/session', async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const current = await tokens.current(req);
    if (!current) {
      res.json({ authenticated: false });
      return;
    }
    res.json({
      authenticated: true,
      user: userFromClaims(current.claims),
      expiresAt: new Date(current.expiresAt).toISOString(),
    });
  });

  /**
   * Registers the signed-in applicant with the applications service, links the account to the new participant
   * and refreshes the tokens, so that from the next request on the account acts as that participant.
   */
  app.post('/session/participant', async (req, res) => {
    const current = await tokens.current(req);
    if (!current) throw new HttpProblem(401, '/problems/signed-out', 'Sign in first.');
    const subject = typeof current.claims.sub === 'string' ? current.claims.sub : undefined;
    if (!subject) throw new HttpProblem(401, '/problems/signed-out', 'Sign in first.');
    const answer = await fetch(`${deps.applicationsUrl}/participants`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${current.accessToken}`,
        'content-type': 'application/json',
        'x-request-id': String(res.locals.requestId ?? ''),
      },
      body: JSON.stringify(req.body ?? {}),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await answer.json().catch(() => undefined)) as { participantId?: unknown } | undefined;
    if ((answer.status === 200 || answer.status === 201) && typeof body?.participantId === 'string') {
      await accountLink.linkParticipant(subject, body.participantId);
      await tokens.current(req, { force: true });
    }
    res
      .status(answer.status)
      .type(answer.headers.get('content-type') ?? 'application/json')
      .send(JSON.stringify(body ?? {}));
  });
}
