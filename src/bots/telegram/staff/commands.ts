/** Staff commands in the staff group (and head chats): /answer, /interim, /assign, /sector, /close, lists. */
import {
  answerAppeal,
  assignAppeal,
  changeSector,
  closeAppeal,
  interimAnswer,
} from '../../../core/appeals/staff-actions.ts';
import { civilDateOf } from '../../../core/deadlines/zoned-time.ts';
import { say } from '../context.ts';
import { digestCommand } from '../head/digest.ts';
import { DONE, tgTexts } from '../texts.ts';
import type { Command } from '../to-inbound.ts';
import { onAppeal, type StaffCtx } from './act.ts';
import { find, mine, overdue, stats } from './lists.ts';

/** «№ 2026-000123 текст», «2026-000123 текст», «123 текст» → the number as typed and the rest. */
export function splitRef(args: string): { ref: string; rest: string } | null {
  const m = /^(№\s*)?(\S+)\s*([\s\S]*)$/.exec(args.trim());
  return m ? { ref: m[2]!, rest: m[3]!.trim() } : null;
}

/** A promised date in an interim answer: «25.11» or «25.11.2026» → «25.11.2026» (next such date). */
export function promisedDate(text: string, now: Date, timeZone: string): string | null {
  const m = /(?<![\d.])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?(?![\d])/.exec(text);
  if (!m) return null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const today = civilDateOf(now, timeZone); // 'YYYY-MM-DD'
  const [dd, mm] = [String(day).padStart(2, '0'), String(month).padStart(2, '0')];
  let year = m[3] ? Number(m[3]) : Number(today.slice(0, 4));
  // «25.11» written in December means next year's 25 November.
  if (!m[3] && `${year}-${mm}-${dd}` < today) year += 1;
  return `${dd}.${mm}.${year}`;
}

type WithRef = (s: StaffCtx, ref: string, rest: string) => Promise<unknown>;

const USAGE: Record<string, string> = {
  answer: '/answer <номер> <текст ответа>',
  interim: '/interim <номер> <текст> (срок вида 25.11)',
  assign: '/assign <номер> @пользователь',
  sector: '/sector <номер> <код направления>',
  close: '/close <номер>',
};

const WITH_REF: Record<string, WithRef> = {
  answer: (s, ref, text) =>
    text
      ? onAppeal(s, ref, 'act', (a) => answerAppeal(s.deps, s.tx, a.id, text, s.staff.id), DONE.answered)
      : usage(s, 'answer'),
  interim: (s, ref, text) => {
    if (!text) return usage(s, 'interim');
    const promised = promisedDate(text, s.deps.clock.now(), s.deps.settings.timeZone);
    return onAppeal(
      s,
      ref,
      'act',
      (a) => interimAnswer(s.deps, s.tx, a.id, text, promised, s.staff.id),
      DONE.interim,
    );
  },
  assign: async (s, ref, who) => {
    const username = who.replace(/^@/, '');
    if (!username) return usage(s, 'assign');
    const member = await s.tx.staff.byTelegramUsername(username);
    if (!member?.active) return say(s, s.chatId, tgTexts.unknownStaff(who));
    const right = member.id === s.staff.id ? 'act' : 'assign';
    return onAppeal(
      s,
      ref,
      right,
      (a) => assignAppeal(s.deps, s.tx, a.id, member.id, s.staff.id),
      DONE.assigned,
    );
  },
  sector: (s, ref, code) => {
    if (!s.deps.catalogue.byCode(code)) {
      return say(s, s.chatId, tgTexts.unknownSector(s.deps.catalogue.sectors.map((d) => d.code).join(', ')));
    }
    return onAppeal(s, ref, 'act', (a) => changeSector(s.deps, s.tx, a.id, code, s.staff.id), DONE.sector);
  },
  close: (s, ref) => onAppeal(s, ref, 'act', (a) => closeAppeal(s.deps, s.tx, a.id, s.staff.id), DONE.closed),
};

function usage(s: StaffCtx, name: string) {
  return say(s, s.chatId, tgTexts.staffUsage(USAGE[name]!));
}

export async function staffCommand(s: StaffCtx, c: Command) {
  const withRef = WITH_REF[c.name];
  if (withRef) {
    const parsed = splitRef(c.args);
    if (!parsed) return usage(s, c.name);
    return void (await withRef(s, parsed.ref, parsed.rest));
  }
  if (c.name === 'overdue') return overdue(s);
  if (c.name === 'mine') return mine(s);
  if (c.name === 'stats') return stats(s);
  if (c.name === 'find') return find(s, c.args);
  if (c.name === 'digest' || c.name === 'week')
    return digestCommand(s, c.name === 'week' ? 'weekly' : 'daily');
  return say(s, s.chatId, tgTexts.staffHelp());
}
