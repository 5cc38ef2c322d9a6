import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { sampleRound2019 } from '@zhas/contracts';
import { issueLocalToken, type Role } from '@zhas/service-kit';

/*
 * What the tests set up directly through the services' APIs (as a coordinator would in their own workspace): a
 * published round. Tokens come from the local development key, which the services accept beside Keycloak's outside
 * production.
 */

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** The services' addresses: given by the global setup, or next to a portal started with npm start. */
export function serviceUrl(service: 'competitions' | 'applications' | 'tracking' | 'reporting'): string {
  const given = process.env.ZHAS_SERVICE_URLS;
  if (given) return (JSON.parse(given) as Record<string, string>)[service] ?? '';
  const portal = new URL(process.env.PORTAL_URL ?? 'http://127.0.0.1:4100');
  const offset = { competitions: 1, applications: 2, tracking: 3, reporting: 4 }[service];
  return `http://127.0.0.1:${Number(portal.port) + offset}`;
}

export function localToken(
  roles: Role[],
  subject = `browser-test-${roles.join('-')}`,
  claims: { participantId?: string; hostOrgId?: string; regions?: string[] } = {},
): Promise<string> {
  return issueLocalToken(
    {
      AUTH_LOCAL_KEY_DIR: process.env.AUTH_LOCAL_KEY_DIR ?? path.join(repoRoot, '.data', 'auth'),
      AUTH_ISSUER: process.env.AUTH_LOCAL_ISSUER ?? 'zhas-local',
      AUTH_AUDIENCE: 'zhas-grants',
    },
    { subject, roles, ttlSeconds: 3600, ...claims },
  );
}

export async function call<T>(method: string, url: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * A published round of this year (young people apply from an hour on, or from `youthOpensInMs`), in Almaty and
 * Astana, with the 2019 rules. Teams form and bids are drafted before the youth window opens; submissions need it.
 */
export async function publishOpenRound(
  tag: string,
  youthOpensInMs = 3_601_000,
  projectQuota = 5,
): Promise<PublishedRound> {
  const coordinator = await localToken(['coordinator']);
  const competitions = serviceUrl('competitions');
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const sample = sampleRound2019();
  const youthOpensAt = at(youthOpensInMs);
  const title = { kk: `Жас жоба ${tag}`, ru: `Жас Проект ${tag}`, en: `Zhas Project ${tag}` };
  const content = {
    year: new Date().getUTCFullYear(),
    title,
    regions: ['almaty', 'astana'],
    // A window that has closed cannot be published; the youth window follows the host organizations'.
    hostApplicationWindow: { opensAt: at(-60_000), closesAt: at(youthOpensInMs - 1_000) },
    youthApplicationWindow: { opensAt: youthOpensAt, closesAt: at(30 * 86_400_000) },
    rules: {
      ...sample.rules,
      regionQuotas: [
        { region: 'almaty', hostOrganizationSeats: 2, projectQuota },
        { region: 'astana', hostOrganizationSeats: 2, projectQuota },
      ],
    },
  };
  const created = await call<{ roundId: string; version: number }>(
    'POST',
    `${competitions}/rounds`,
    coordinator,
    content,
  );
  const published = await call<{ version: number }>(
    'POST',
    `${competitions}/rounds/${created.roundId}/publish`,
    coordinator,
    { version: created.version },
  );
  return { roundId: created.roundId, title, youthOpensAt, content, version: published.version };
}

/** A published round: what it was created with (for a revision) and its version. */
export interface PublishedRound {
  readonly roundId: string;
  readonly title: Record<string, string>;
  readonly youthOpensAt: string;
  readonly content: Record<string, unknown> & {
    hostApplicationWindow: { opensAt: string; closesAt: string };
    youthApplicationWindow: { opensAt: string; closesAt: string };
  };
  readonly version: number;
}

/**
 * A round whose youth window closes some twenty seconds after it is published, and its Astana lottery drawn and published
 * by a coordinator once the window has passed (the draw is refused before: waited for by asking again).
 */
export async function publishDrawnLottery(tag: string): Promise<{ roundId: string; region: string }> {
  const coordinator = await localToken(['coordinator']);
  const competitions = serviceUrl('competitions');
  const applications = serviceUrl('applications');
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();
  const sample = sampleRound2019();
  const created = await call<{ roundId: string; version: number }>(
    'POST',
    `${competitions}/rounds`,
    coordinator,
    {
      year: new Date().getUTCFullYear(),
      title: { kk: `Жас жоба ${tag}`, ru: `Жас Проект ${tag}`, en: `Zhas Project ${tag}` },
      regions: ['almaty', 'astana'],
      // Wide enough for creating and publishing on a busy machine (a closed window cannot be published).
      hostApplicationWindow: { opensAt: at(-60_000), closesAt: at(20_000) },
      youthApplicationWindow: { opensAt: at(21_000), closesAt: at(22_000) },
      rules: {
        ...sample.rules,
        regionQuotas: [
          { region: 'almaty', hostOrganizationSeats: 2, projectQuota: 5 },
          { region: 'astana', hostOrganizationSeats: 2, projectQuota: 5 },
        ],
      },
    },
  );
  await call('POST', `${competitions}/rounds/${created.roundId}/publish`, coordinator, {
    version: created.version,
  });
  const region = 'astana';
  // A coordinator fixes it from a public source on the day; published with the draw.
  const seed = randomBytes(16).toString('hex');
  // applications learns the round from competitions' events, and draws only after the youth window closed.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const response = await fetch(`${applications}/rounds/${created.roundId}/regions/${region}/lottery`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${coordinator}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ seed }),
    });
    if (response.ok) return { roundId: created.roundId, region };
    const text = await response.text();
    if (Date.now() > deadline || ![404, 409, 422].includes(response.status))
      throw new Error(`the draw: ${response.status} ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
