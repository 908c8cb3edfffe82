/** Small zod building blocks shared by the environment schemas. */
import { z } from 'zod';

/** An empty variable (`FOO=`) means "not set", as operators expect. */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A comma-separated list, blanks dropped: `a, b,,c` → ['a', 'b', 'c']. */
export const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
