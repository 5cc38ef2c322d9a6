/** The platform's services as `npm start` runs them; docker-compose.yml uses the same ports (a test checks). */
export const SERVICES = [
  { name: 'competitions', port: 4101, owns: 'rounds, host-organization competition' },
  { name: 'applications', port: 4102, owns: 'participants, teams, bids, lottery, awards' },
  { name: 'tracking', port: 4103, owns: 'agreements, tranches, reports, stipends, grievances' },
  { name: 'reporting', port: 4104, owns: 'indicators and dashboards' },
] as const;
