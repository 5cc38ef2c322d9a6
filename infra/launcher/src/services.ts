/** The platform's services as `npm start` runs them; docker-compose.yml uses the same ports (a test checks). */
export const SERVICES = [
  { name: 'competitions', port: 4101, owns: 'rounds, host-organization competition' },
  { name: 'applications', port: 4102, owns: 'participants, teams, bids, lottery, awards' },
  { name: 'tracking', port: 4103, owns: 'agreements, tranches, reports, stipends, grievances' },
  { name: 'reporting', port: 4104, owns: 'indicators and dashboards' },
] as const;

/** The fifth process: the web portal (a backend-for-frontend in front of the four services). */
export const PORTAL = {
  name: 'portal',
  port: 4100,
  owns: 'the web app, sign-in, /api/<service>/...',
} as const;

/**
 * `ZHAS_PORT_OFFSET` moves every port `npm start` opens by the same amount (0 by default), so a second checkout
 * can run the platform beside the first one; `npm run seed:demo` reads the same variable.
 */
export function portOffset(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.ZHAS_PORT_OFFSET ?? '0';
  if (!/^\d{1,5}$/.test(text) || Number(text) > 20_000) {
    throw new Error(`ZHAS_PORT_OFFSET must be a whole number from 0 to 20000, not "${text}"`);
  }
  return Number(text);
}
