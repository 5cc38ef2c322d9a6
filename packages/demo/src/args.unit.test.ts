import { parseSeedArguments } from './args';

describe('seed:demo arguments', () => {
  const now = new Date('2026-01-01T00:00:00.000Z');

  it('defaults to the 2019 scale on the local ports', () => {
    expect(parseSeedArguments([], now, {})).toEqual({
      youth: 3_500,
      concurrency: 16,
      seed: now.getTime() % 2_147_483_647,
      urls: {
        competitions: 'http://127.0.0.1:4101',
        applications: 'http://127.0.0.1:4102',
        tracking: 'http://127.0.0.1:4103',
        reporting: 'http://127.0.0.1:4104',
      },
      accounts: {
        issuer: 'http://127.0.0.1:8089/realms/zhas',
        clientId: 'zhas-portal',
        clientSecret: 'zhas-portal-dev-secret',
      },
    });
  });

  it('takes a size, a concurrency, a seed and a host', () => {
    expect(
      parseSeedArguments(['--youth', '300', '--concurrency=4', '--seed', '9', '--host', '10.0.0.5'], now, {}),
    ).toMatchObject({ youth: 300, concurrency: 4, seed: 9, urls: { reporting: 'http://10.0.0.5:4104' } });
    expect(parseSeedArguments(['--help'], now, {})).toBe('help');
  });

  it.each([
    [['--youth', 'many']],
    [['--youth', '2']],
    [['--youth', '-5']],
    [['--concurrency', '0']],
    [['--concurrency', '1000']],
    [['--host', 'a b']],
    [['--colour', 'red']],
  ])('refuses %j with a message', (argv) => {
    expect(() => parseSeedArguments(argv, now, {})).toThrow(Error);
  });

  it('moves every port by ZHAS_PORT_OFFSET, like npm start', () => {
    expect(parseSeedArguments([], now, { ZHAS_PORT_OFFSET: '100' })).toMatchObject({
      urls: { competitions: 'http://127.0.0.1:4201', reporting: 'http://127.0.0.1:4204' },
      accounts: { issuer: 'http://127.0.0.1:8189/realms/zhas' },
    });
    expect(() => parseSeedArguments([], now, { ZHAS_PORT_OFFSET: 'ten' })).toThrow(/ZHAS_PORT_OFFSET/);
  });
});
