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
    serializers: {
      // Invite and setup links carry tokens in their query: log the path, never the secret.
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.replace(/([?&](?:token|setupToken)=)[^&]*/g, '$1[redacted]'),
      }),
    },
  });
}
