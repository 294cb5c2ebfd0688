// Structured log lines (one JSON object per line). Before a line is written, values under
// secret-looking keys are replaced and keys that carry a customer's personal details are
// dropped: a password or token must never reach a log, and a support person needs order
// numbers, never the address a parcel goes to.
export interface Logger {
  info: (message: string, fields?: Record<string, unknown>) => void;
  warn: (message: string, fields?: Record<string, unknown>) => void;
  error: (message: string, fields?: Record<string, unknown>) => void;
}

/** Where a finished line goes: stderr, a rotating file (main/station/logs/file-sink.ts), a test. */
export type LogWriter = (line: string) => void;

const SECRET_KEY = /pass(word)?|token|secret|authorization|cookie|api_?key|client_?secret/i;

/**
 * Keys whose values describe a person rather than an order: addresses (FeedAMP's
 * shipping_address, billing_address, address1..3), names, email, phone. Matched on the end of
 * the key so that `customer_order_number` — an order number a support person needs — survives
 * while `customer`, `customer_name` and `customer_email` do not.
 */
const PERSONAL_KEY =
  /(^|_)(address\d*|customer|customer_name|recipient|ship_to|bill_to|email|email_address|phone|phone_number|full_name|first_name|last_name|street|city|postal_code|zip|zip_code)$/;

/** `shippingAddress`, `shipping-address` and `Shipping_Address` all become `shipping_address`. */
function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}

export function isPersonalKey(key: string): boolean {
  return PERSONAL_KEY.test(snakeCase(key));
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * A copy with secrets replaced and personal keys dropped. Objects nested deeper than
 * `maxDepth` become "[truncated]": an unchecked subtree could hide a token.
 */
export function redact(value: unknown, depth = 0, maxDepth = 4): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth > maxDepth) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, maxDepth));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !isPersonalKey(k))
      .map(([k, v]) => [k, isSecretKey(k) ? '[redacted]' : redact(v, depth + 1, maxDepth)]),
  );
}

const stderrWriter: LogWriter = (line) => {
  process.stderr.write(line + '\n');
};

/** One line to several writers; a writer that throws does not stop the others. */
export function teeWriters(...writers: LogWriter[]): LogWriter {
  return (line) => {
    for (const write of writers) {
      try {
        write(line);
      } catch (error) {
        // The log is the last place a failure can go; say so on stderr once per line.
        process.stderr.write(
          `Packline: a log writer failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    }
  };
}

/**
 * Logging never throws: it is called from error handlers, and a writer that fails (a full
 * disk) must not turn the report of one failure into a second, unhandled one.
 */
export function createLogger(write: LogWriter = stderrWriter): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    try {
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level,
          message,
          ...(redact(fields ?? {}) as object),
        }),
      );
    } catch (error) {
      try {
        process.stderr.write(
          `Packline: a log line was lost: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      } catch {
        // stderr itself is gone; there is nowhere left to say it.
      }
    }
  };
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One logger that writes each line through all of the given ones (stderr and the log file). */
export function combineLoggers(...loggers: Logger[]): Logger {
  return {
    info: (m, f) => loggers.forEach((l) => l.info(m, f)),
    warn: (m, f) => loggers.forEach((l) => l.warn(m, f)),
    error: (m, f) => loggers.forEach((l) => l.error(m, f)),
  };
}
