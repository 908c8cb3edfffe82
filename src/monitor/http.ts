/** Bounded HTTP GETs for the monitor: a time limit, a size cap (aborting the download), raw bytes. */
import { linkedSignal } from '../core/retry.ts';

export interface FetchedPage {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export interface HttpOptions {
  maxBytes: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

export class SourceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SourceError';
  }
}

const USER_AGENT = 'mcu-intake-monitor/0.1 (+municipal incident monitor)';

async function readCapped(res: Response, maxBytes: number, abort: AbortController): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    abort.abort();
    throw new SourceError(`page too large: ${declared} bytes (limit ${maxBytes})`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      abort.abort();
      await reader.cancel().catch(() => {});
      throw new SourceError(`page too large: over ${maxBytes} bytes, download aborted`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function getPage(url: string, signal: AbortSignal, o: HttpOptions): Promise<FetchedPage> {
  const abort = new AbortController();
  const linked = linkedSignal([signal, abort.signal], o.timeoutMs ?? 20_000);
  try {
    const res = await fetch(url, {
      signal: linked.signal,
      redirect: 'follow',
      headers: { 'user-agent': USER_AGENT, ...o.headers },
    });
    if (res.status === 304) return { status: 304, headers: res.headers, bytes: new Uint8Array() };
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new SourceError(`HTTP ${res.status} from ${new URL(url).host}`);
    }
    return { status: res.status, headers: res.headers, bytes: await readCapped(res, o.maxBytes, abort) };
  } finally {
    linked.dispose();
  }
}

/** The charset from Content-Type, else from the XML declaration, else UTF-8. */
export function detectCharset(contentType: string | null, bytes: Uint8Array): string {
  const header = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (header) return header.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  return (/<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1] ?? 'utf-8').toLowerCase();
}

export function decodeText(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown label: UTF-8 is the best guess and shows the problem in the text, not as a crash.
    return new TextDecoder('utf-8').decode(bytes);
  }
}
