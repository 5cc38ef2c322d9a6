// Loaded before anything else (see main.ts): OpenTelemetry must patch http, express, mongodb and pino before they load.
import { startTelemetry } from '@zhas/service-kit/telemetry';

startTelemetry({ serviceName: 'tracking' });
