import { loadConfig } from '@zhas/service-kit';
import { configSchema } from './config';

describe('configuration', () => {
  it('reads the response days of grievances per category', () => {
    const config = loadConfig(configSchema, { GRIEVANCE_RESPONSE_DAYS: 'corruption=7, payments=10' });
    expect(config).toMatchObject({
      PORT: 4103,
      GRIEVANCE_RESPONSE_DAYS_DEFAULT: 15,
      GRIEVANCE_RESPONSE_DAYS: { corruption: 7, payments: 10 },
    });
  });

  it('names a malformed entry', () => {
    expect(() => loadConfig(configSchema, { GRIEVANCE_RESPONSE_DAYS: 'weather=3' })).toThrow(
      /GRIEVANCE_RESPONSE_DAYS/,
    );
    expect(() => loadConfig(configSchema, { GRIEVANCE_RESPONSE_DAYS: 'payments=0' })).toThrow(
      /GRIEVANCE_RESPONSE_DAYS/,
    );
  });
});
