/**
 * One lock for the whole store. Prisma's SQLite adapter has a single connection and only its
 * interactive transactions take its mutex: a plain query issued meanwhile would silently run inside
 * somebody else's transaction. Serialising every store call here makes transactions real.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface StoreLock {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Refuses every later call: Prisma would silently reconnect, the raw connection would not. */
  close(): void;
  readonly closed: boolean;
}

export class StoreClosedError extends Error {
  readonly code = 'closed';
  constructor() {
    super('the database connection is closed');
    this.name = 'StoreClosedError';
  }
}

export function createStoreLock(): StoreLock {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    close: () => {
      closed = true;
    },
    get closed() {
      return closed;
    },
    run<T>(work: () => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(new StoreClosedError());
      if (inside.getStore()) {
        // Waiting here would deadlock: the caller holds the lock (store used instead of tx).
        return Promise.reject(
          new Error('store called from inside its own transaction; use the tx repositories'),
        );
      }
      const result = tail.then(() => inside.run(true, work));
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** Wraps every method of every repository so that it runs under the lock. */
export function lockAll<T extends object>(repos: T, lock: StoreLock): T {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, repo] of Object.entries(repos)) {
    const wrapped: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(repo as Record<string, unknown>)) {
      wrapped[key] =
        typeof fn === 'function' ? (...args: unknown[]) => lock.run(() => Promise.resolve(fn(...args))) : fn;
    }
    out[name] = wrapped;
  }
  return out as T;
}
