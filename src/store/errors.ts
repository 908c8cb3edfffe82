import { DomainError } from '../core/errors.ts';

/** A database failure, with the operation that failed and a hint for the operator. */
export class StoreError extends DomainError {
  static wrap(error: unknown, code: string, what: string, context: Record<string, unknown>): StoreError {
    if (error instanceof StoreError) return error;
    const detail =
      error instanceof Error ? error.message.split('\n').slice(-3).join(' ').trim() : String(error);
    return new StoreError(code, `${what}: ${hint(detail)}`, context, { cause: error });
  }
}

function hint(detail: string): string {
  if (/not a database|malformed|file is encrypted/i.test(detail)) {
    return `the file is not a valid SQLite database (${detail}). Restore it from a backup or point DATABASE_URL elsewhere.`;
  }
  if (/timed out|SQLITE_BUSY|database is locked|SocketTimeout/i.test(detail)) {
    return `the database is locked by another process (${detail}). Stop the other mcu process and try again.`;
  }
  if (/unable to open|SQLITE_CANTOPEN|readonly/i.test(detail)) {
    return `the file cannot be opened or written (${detail}). Check the path and its permissions.`;
  }
  return detail;
}
