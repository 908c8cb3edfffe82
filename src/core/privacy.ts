/**
 * 152-ФЗ in reports: a resident appears under a pseudonym derived from the internal id, which says
 * nothing about the person (not their name, phone or messenger id), yet stays the same across
 * reports so repeat complaints can be counted.
 */
export function residentPseudonym(residentId: number | null): string {
  if (residentId === null) return 'Ж-—';
  return `Ж-${residentId.toString(36).toUpperCase().padStart(4, '0')}`;
}
