/**
 * One logger, scoped per module (`createLogger('sync')`). Lines go to stderr as
 * `level scope message {fields}`; tests and hosts can swap the sink. Never log secrets:
 * passwords, tokens and message bodies stay out of fields.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (level: LogLevel, scope: string, message: string, fields?: Record<string, unknown>) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: LogLevel = 'info';
let sink: LogSink = (level, scope, message, fields) => {
  const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  // eslint-disable-next-line no-console -- the default sink is the console
  console.error(`${new Date().toISOString()} ${level} [${scope}] ${message}${extra}`);
};

export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

export function logLevel(): LogLevel {
  return threshold;
}

export function setLogSink(next: LogSink): void {
  sink = next;
}

export function createLogger(scope: string): Logger {
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] >= ORDER[threshold]) sink(level, scope, message, fields);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (sub) => createLogger(`${scope}:${sub}`),
  };
}
