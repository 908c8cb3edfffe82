/**
 * Per-staff conversation modes («Уточнить», «Ответить», «Дубль»: the next message is the question, the
 * answer, the original number). Kept in memory with a TTL on purpose: there is no table for it, and a
 * mode is a few minutes of intent. A restart forgets pending modes; the staff member presses again.
 *
 * Consuming a mode records which inbox event used it, so when a failed batch is retried the same event
 * still finds its mode (the in-memory change is not rolled back with the transaction).
 */
export type ModeKind = 'ask' | 'reply' | 'dup';

export interface StaffMode {
  kind: ModeKind;
  appealId: number;
  chatId: string;
  expiresAt: number;
  consumedBy?: number;
}

export const MODE_TTL_MS = 15 * 60_000;

export interface StaffModes {
  set(staffId: string, mode: Omit<StaffMode, 'expiresAt'>, now: Date): void;
  /** The live mode of a staff member in a chat, marked as used by `eventId`. */
  take(staffId: string, chatId: string, eventId: number, now: Date): StaffMode | null;
}

export function createStaffModes(ttlMs = MODE_TTL_MS): StaffModes {
  const modes = new Map<string, StaffMode>();
  return {
    set(staffId, mode, now) {
      modes.set(staffId, { ...mode, expiresAt: now.getTime() + ttlMs });
    },
    take(staffId, chatId, eventId, now) {
      const m = modes.get(staffId);
      if (!m || m.chatId !== chatId) return null;
      if (m.expiresAt < now.getTime() || (m.consumedBy !== undefined && m.consumedBy !== eventId)) {
        // Keep a consumed mode until it expires: a retried batch may still need it.
        if (m.expiresAt < now.getTime()) modes.delete(staffId);
        return null;
      }
      m.consumedBy = eventId;
      return m;
    },
  };
}
