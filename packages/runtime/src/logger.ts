import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs, one line an event, named after the service; `silent` in tests unless asked. */
export function createLogger(options: { service: string; level: string }): Logger {
  return pino({
    name: options.service,
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-gateway-identity"]',
        '*.password',
        '*.credentials',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
