/** Card buttons: Взять, Передать (→ sector / executor), Уточнить, Ответить, Спам, Дубль. */
import { assignAppeal, changeSector, rejectAppeal, takeAppeal } from '../../../core/appeals/staff-actions.ts';
import type { Appeal } from '../../../core/model.ts';
import { confirmPublished } from '../../../core/monitor/public-answer.ts';
import type { Button } from '../../../core/texts-ru.ts';
import { say } from '../context.ts';
import { tgTexts } from '../texts.ts';
import { sectorsOf } from './access.ts';
import { onAppeal, type StaffCtx } from './act.ts';
import { type ModeKind, setMode } from './modes.ts';

const PROMPTS: Record<ModeKind, (number: string) => string> = {
  ask: tgTexts.askPrompt,
  reply: tgTexts.replyPrompt,
  dup: tgTexts.dupPrompt,
};

/** Sector buttons three to a row, then the executors who work in the appeal's sector. */
async function passButtons(s: StaffCtx, appeal: Appeal): Promise<Button[][]> {
  const sectors = s.deps.catalogue.sectors.map((d) => ({
    id: `sector:${d.code}:${appeal.id}`,
    label: d.name,
  }));
  const rows: Button[][] = [];
  for (let i = 0; i < sectors.length; i += 3) rows.push(sectors.slice(i, i + 3));
  const staff = await s.tx.staff.list();
  const executors = staff.filter(
    (m) => m.active && m.role === 'executor' && sectorsOf(s.deps, m).has(appeal.sector),
  );
  for (const m of executors) rows.push([{ id: `assign:${m.id}:${appeal.id}`, label: `👤 ${m.name}` }]);
  return rows;
}

function startMode(s: StaffCtx, kind: ModeKind, appealId: number) {
  return onAppeal(s, appealId, 'act', async (appeal) => {
    await setMode(s, s.staff.id, { kind, appealId: appeal.id, chatId: s.chatId });
    await say(s, s.chatId, PROMPTS[kind](appeal.number));
  });
}

async function simple(s: StaffCtx, action: string, id: number) {
  const { deps, tx, staff } = s;
  if (action === 'take') return onAppeal(s, id, 'act', () => takeAppeal(deps, tx, id, staff.id));
  if (action === 'spam') return onAppeal(s, id, 'act', () => rejectAppeal(deps, tx, id, 'spam', staff.id));
  if (action === 'pass') {
    return onAppeal(s, id, 'act', async (a) =>
      say(s, s.chatId, tgTexts.passPrompt(a.number), await passButtons(s, a)),
    );
  }
  if (action === 'ask' || action === 'reply' || action === 'dup') return startMode(s, action, id);
}

export async function staffCallback(s: StaffCtx, data: string) {
  const { deps, tx, staff } = s;
  const one = /^(take|pass|ask|reply|spam|dup):(\d+)$/.exec(data);
  if (one) return void (await simple(s, one[1]!, Number(one[2])));
  const sector = /^sector:([\w-]+):(\d+)$/.exec(data);
  if (sector) {
    const id = Number(sector[2]);
    return void (await onAppeal(s, id, 'act', () => changeSector(deps, tx, id, sector[1]!, staff.id)));
  }
  const published = /^published:(\d+)$/.exec(data);
  if (published) {
    const id = Number(published[1]);
    return void (await onAppeal(s, id, 'act', () => confirmPublished(deps, tx, id, staff.id)));
  }
  const assign = /^assign:([^:]+):(\d+)$/.exec(data);
  if (assign) {
    const [who, id] = [assign[1]!, Number(assign[2])];
    const right = who === staff.id ? 'act' : 'assign';
    return void (await onAppeal(s, id, right, () => assignAppeal(deps, tx, id, who, staff.id)));
  }
}
