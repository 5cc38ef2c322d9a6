import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field paths that may carry personal data or secrets. They are censored wherever they appear in a log line, as a
 * safety net: code must not log them in the first place.
 */
export const REDACTED_PATHS = [
  'iin',
  '*.iin',
  'name',
  'firstName',
  'lastName',
  'fullName',
  '*.firstName',
  '*.lastName',
  '*.fullName',
  'phone',
  '*.phone',
  'email',
  '*.email',
  'contact',
  '*.contact',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
];

export function createLogger(options: { service: string; level?: string }): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}
