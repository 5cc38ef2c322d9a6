import { startService } from './bootstrap';
import { baseConfigSchema, ConfigError } from './config';

describe('startService', () => {
  it('refuses to start in production without a JWKS URL, before connecting to anything', async () => {
    const started = startService({
      name: 'reporting',
      configSchema: baseConfigSchema,
      env: {
        NODE_ENV: 'production',
        PORT: '0',
        MONGO_DB: 'never-used',
        // Nothing listens here: reaching the connection step would hang, not fail with this error.
        MONGO_URL: 'mongodb://127.0.0.1:1/',
        LOG_LEVEL: 'silent',
      },
      compose: () => ({}),
      handleSignals: false,
    });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/AUTH_JWKS_URL: required when NODE_ENV=production/);
  });
});
