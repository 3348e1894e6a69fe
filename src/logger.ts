/**
 * The process logger: JSON lines, with credentials and message bodies' secrets redacted wherever
 * they might appear (headers, bodies of credential routes).
 */
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-twilio-signature"]',
        'authToken',
        'apiKey',
        '*.authToken',
        '*.apiKey',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}
