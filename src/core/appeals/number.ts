import { ValidationError } from '../errors.ts';

/**
 * Accepts an appeal number as a person types it: «№ 2026-000123», «2026-123», «№2026-000123».
 * A bare sequence («123») is taken in `defaultYear`.
 */
export function parseAppealNumber(input: string, defaultYear: number): string {
  const s = input.trim().replace(/^№\s*/, '').replace(/^#/, '');
  const full = /^(\d{4})\s*[-–/]\s*0*(\d{1,9})$/.exec(s);
  if (full) return `${full[1]}-${full[2]!.padStart(6, '0')}`;
  const bare = /^0*(\d{1,9})$/.exec(s);
  if (bare) return `${defaultYear}-${bare[1]!.padStart(6, '0')}`;
  throw new ValidationError(`«${input}» is not an appeal number`, { input });
}
