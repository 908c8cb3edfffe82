/**
 * Public Telegram channels through their web preview, `<base>/s/<channel>`: each post is a
 * `.tgme_widget_message[data-post="chan/123"]` with `.tgme_widget_message_text` and `time[datetime]`.
 * The cursor is the last post number seen. A page with no posts at all means the markup changed or
 * the channel is not public (it redirects away from /s/): the run reports it as an empty page.
 */
import * as cheerio from 'cheerio';
import type { FetchResult, MonitoredPost, MonitorSource, SourceCursor } from '../../core/monitor/types.ts';
import { decodeText, getPage } from '../http.ts';

export interface TgPost {
  channel: string;
  number: number;
  text: string;
  postedAt: Date | null;
  url: string;
}

export function parseChannelPage(html: string, base: string): TgPost[] {
  const $ = cheerio.load(html);
  return $('.tgme_widget_message[data-post]')
    .map((_, el) => {
      const e = $(el);
      const [channel, num] = (e.attr('data-post') ?? '').split('/');
      const number = Number(num);
      if (!channel || !Number.isSafeInteger(number)) return [];
      const textEl = e.find('.tgme_widget_message_text').first();
      textEl.find('br').replaceWith('\n');
      const when = e.find('time[datetime]').first().attr('datetime');
      const at = when ? new Date(when) : null;
      return [
        {
          channel,
          number,
          text: textEl.text().trim(),
          postedAt: at && !Number.isNaN(at.getTime()) ? at : null,
          url: `${base}/${channel}/${number}`,
        },
      ];
    })
    .get() as TgPost[];
}

export interface TgSourceOptions {
  id: string;
  channel: string;
  baseUrl: string;
  local: boolean;
  intervalMinutes: number;
  maxBytes: number;
  now: () => Date;
}

export function tgChannelSource(o: TgSourceOptions): MonitorSource {
  const channel = o.channel.replace(/^@/, '');
  const base = o.baseUrl.replace(/\/+$/, '');
  async function fetchPage(state: SourceCursor, signal: AbortSignal): Promise<FetchResult> {
    const page = await getPage(`${base}/s/${encodeURIComponent(channel)}`, signal, { maxBytes: o.maxBytes });
    const posts = parseChannelPage(decodeText(page.bytes, 'utf-8'), base);
    const last = state.cursor ? Number(state.cursor) : 0;
    const fresh = posts.filter((p) => p.number > last);
    const toPost = (p: TgPost): MonitoredPost => ({
      network: 'tg',
      externalId: `${p.channel.toLowerCase()}/${p.number}`,
      url: p.url,
      authorId: p.channel,
      text: p.text,
      postedAt: p.postedAt ?? o.now(),
      sourceId: o.id,
      local: o.local,
    });
    const newest = Math.max(last, ...posts.map((p) => p.number));
    return {
      posts: fresh.map(toPost),
      cursor: newest > 0 ? String(newest) : state.cursor,
      pageItems: posts.length,
    };
  }
  return { id: o.id, kind: 'tg_channel', intervalMinutes: o.intervalMinutes, fetch: fetchPage };
}
