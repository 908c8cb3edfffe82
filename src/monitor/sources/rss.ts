/**
 * RSS 2.0 and Atom feeds. The bytes are fetched with a conditional GET (ETag / If-Modified-Since),
 * decoded by the declared charset (windows-1251 is common on municipal sites), then parsed with
 * cheerio's XML mode. The cursor is the newest item date seen.
 */
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import type { FetchResult, MonitoredPost, MonitorSource, SourceCursor } from '../../core/monitor/types.ts';
import { decodeText, detectCharset, getPage, SourceError } from '../http.ts';

export interface FeedItem {
  guid: string;
  link: string;
  text: string;
  postedAt: Date | null;
}

const plain = (html: string) => cheerio.load(html).text().replace(/\s+/g, ' ').trim();

/** Parses a feed document; anything that is not a whole RSS or Atom feed throws. */
export function parseFeed(xml: string): FeedItem[] {
  const head = xml.slice(0, 2000).toLowerCase();
  const kind = /<rss[\s>]/.test(head)
    ? 'rss'
    : /<feed[\s>]/.test(head)
      ? 'atom'
      : /<rdf:rdf/.test(head)
        ? 'rdf'
        : null;
  if (!kind) throw new SourceError('not an RSS or Atom feed (HTML page?)');
  const closing = kind === 'rss' ? '</rss>' : kind === 'atom' ? '</feed>' : '</rdf:rdf>';
  if (!xml.trimEnd().toLowerCase().endsWith(closing))
    throw new SourceError('truncated feed (no closing tag)');
  const $ = cheerio.load(xml, { xml: true });
  const items = kind === 'atom' ? $('entry') : $('item');
  return items
    .map((_, el) => {
      const e = $(el);
      const link =
        kind === 'atom'
          ? (e.find('link[rel="alternate"]').attr('href') ?? e.find('link').attr('href') ?? '')
          : e.find('link').first().text().trim();
      const guid =
        (kind === 'atom' ? e.find('id').first().text() : e.find('guid').first().text()).trim() || link;
      const title = plain(e.find('title').first().text());
      const body = plain(
        e
          .find(kind === 'atom' ? 'content, summary' : 'description')
          .first()
          .text(),
      );
      const date = e
        .find(kind === 'atom' ? 'published, updated' : 'pubDate, dc\\:date')
        .first()
        .text()
        .trim();
      const at = date ? new Date(date) : null;
      const text = [title, body].filter(Boolean).join('. ');
      return { guid, link, text, postedAt: at && !Number.isNaN(at.getTime()) ? at : null };
    })
    .get()
    .filter((i) => i.guid);
}

export interface RssSourceOptions {
  id: string;
  url: string;
  local: boolean;
  intervalMinutes: number;
  maxBytes: number;
  now: () => Date;
}

function toPost(o: RssSourceOptions, item: FeedItem, at: Date): MonitoredPost {
  const hash = createHash('sha1').update(`${o.url}\n${item.guid}`).digest('hex').slice(0, 24);
  return {
    network: 'web',
    externalId: hash,
    url: item.link || o.url,
    authorId: new URL(o.url).host,
    text: item.text,
    postedAt: at,
    sourceId: o.id,
    local: o.local,
  };
}

export function rssSource(o: RssSourceOptions): MonitorSource {
  async function fetchFeed(state: SourceCursor, signal: AbortSignal): Promise<FetchResult> {
    const headers: Record<string, string> = {};
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;
    const page = await getPage(o.url, signal, { maxBytes: o.maxBytes, headers });
    if (page.status === 304) return { posts: [], cursor: state.cursor, pageItems: 0, notModified: true };
    const xml = decodeText(page.bytes, detectCharset(page.headers.get('content-type'), page.bytes));
    const items = parseFeed(xml);
    const since = state.cursor ? new Date(state.cursor).getTime() : Number.NEGATIVE_INFINITY;
    const now = o.now();
    const fresh = items.filter((i) => (i.postedAt ?? now).getTime() > since);
    const newest = Math.max(since, ...items.map((i) => (i.postedAt ?? now).getTime()));
    return {
      posts: fresh.map((i) => toPost(o, i, i.postedAt ?? now)),
      cursor: Number.isFinite(newest) ? new Date(newest).toISOString() : state.cursor,
      etag: page.headers.get('etag'),
      lastModified: page.headers.get('last-modified'),
      pageItems: items.length,
    };
  }
  return { id: o.id, kind: 'rss', intervalMinutes: o.intervalMinutes, fetch: fetchFeed };
}
