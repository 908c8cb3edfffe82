import { DomainError } from '../core/errors.ts';

/** A database failure, with the operation that failed and a hint for the operator. */
export class StoreError extends DomainError {
  static wrap(error: unknown, code: string, what: string, context: Record<string, unknown>): StoreError {
    if (error instanceof StoreError) return error;
    const detail = error instanceof Error ? essence(error.message) : String(error);
    return new StoreError(code, `${what}: ${hint(detail)}`, context, { cause: error });
  }
}

/**
 * The informative part of a driver message. Prisma client errors put the cause in the last lines;
 * the wasm schema engine puts it in the first line and appends a span trace («0: sql_schema_connector::…
 * at …rs:17», «with namespaces=…»), which alone says nothing to an operator.
 */
function essence(message: string): string {
  const trace = /^\s*(\d+: \S+::|at \S|with \w+=)/;
  const lines = message
    .split('\n')
    .filter((l) => l.trim() !== '' && !trace.test(l))
    .map((l) => l.trim());
  const text = lines.slice(-3).join(' ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function hint(detail: string): string {
  if (/not a database|malformed|file is encrypted/i.test(detail)) {
    return `the file is not a valid SQLite database (${detail}). Restore it from a backup or point DATABASE_URL elsewhere.`;
  }
  if (/timed out|SQLITE_BUSY|database is locked|SocketTimeout/i.test(detail)) {
    // The wasm schema engine reports the adapter's busy timeout as «unknown variant `SocketTimeout`, expected one of …».
    const why = /SocketTimeout/.test(detail) ? 'the SQLite busy timeout expired' : detail;
    return `the database is locked by another process or connection (${why}). Stop the other mcu process and try again.`;
  }
  if (/unable to open|SQLITE_CANTOPEN|readonly/i.test(detail)) {
    return `the file cannot be opened or written (${detail}). Check the path and its permissions.`;
  }
  return detail;
}
