/**
 * The incident part of a staff card: links to every post, where the answer goes, and the
 * «Ответ опубликован» button while staff still have to answer under the posts by hand (always off the
 * community wall; on it, once VK refused the community's comment).
 */
import type { CoreDeps } from '../../../core/deps.ts';
import type { Appeal, AppealEvent } from '../../../core/model.ts';
import { firstPublicAnswer, lastPublicAnswerFailure } from '../../../core/monitor/public-answer.ts';
import type { Repositories } from '../../../core/ports.ts';
import { type Button, formatDateTime } from '../../../core/texts-ru.ts';

const MAX_LINKS = 10;
const FINISHED = new Set(['closed', 'rejected', 'duplicate']);

export async function incidentCard(
  deps: CoreDeps,
  tx: Repositories,
  appeal: Appeal,
  events: AppealEvent[],
): Promise<{ lines: string[]; buttons: Button[][] }> {
  if (appeal.kind !== 'incident') return { lines: [], buttons: [] };
  const posts = await tx.monitor.postsOf(appeal.id);
  const published = firstPublicAnswer(events);
  const failed = published ? null : lastPublicAnswerFailure(events);
  const ownWall = posts.some((p) => p.ownWall);
  const links = posts.slice(0, MAX_LINKS).map((p) => `• ${p.url}`);
  const more = posts.length > MAX_LINKS ? [`…и ещё ${posts.length - MAX_LINKS}`] : [];
  const where = published
    ? `✅ Ответ опубликован: ${formatDateTime(new Date(published.publicAnswerAt), deps.settings.timeZone)}`
    : failed
      ? `⚠️ Комментарий не опубликован (${failed.reason}). Ответьте вручную, затем нажмите «Ответ опубликован».`
      : ownWall
        ? 'Ответ будет опубликован комментарием от имени сообщества.'
        : 'Ответьте под публикациями вручную, затем нажмите «Ответ опубликован».';
  const lines = ['', `Публикации (${posts.length}):`, ...links, ...more, where];
  const canConfirm = !published && (!ownWall || failed !== null) && !FINISHED.has(appeal.status);
  return {
    lines,
    buttons: canConfirm ? [[{ id: `published:${appeal.id}`, label: 'Ответ опубликован' }]] : [],
  };
}
