/** /digest and /week for the head and the coordinator: the lead's core digest, rendered in Russian. */
import { buildDigest } from '../../../core/reports/digest.ts';
import { renderDigestRu } from '../../../core/reports/render-ru.ts';
import { say } from '../context.ts';
import { isLead } from '../staff/access.ts';
import type { StaffCtx } from '../staff/act.ts';
import { tgTexts } from '../texts.ts';

export async function digestCommand(s: StaffCtx, kind: 'daily' | 'weekly') {
  if (!isLead(s.staff)) return say(s, s.chatId, tgTexts.headOnly());
  const data = await buildDigest(s.deps, s.tx, { kind, now: s.deps.clock.now() });
  await say(s, s.chatId, renderDigestRu(s.deps, data));
}
