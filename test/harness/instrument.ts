import { startTelemetry } from '@zhas/service-kit/telemetry';

startTelemetry({ serviceName: 'trace-harness' });
