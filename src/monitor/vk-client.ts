/**
 * A small VK API client for the monitor's service key: every request waits for its slot (3 requests
 * a second by default, VK's limit for a key), and wall.get calls are batched into `execute` with up to
 * 25 `API.wall.get` calls in one VKScript body. The token is sent in the body and never logged.
 */
import { linkedSignal, sleep } from '../core/retry.ts';
import { SourceError } from './http.ts';

export const VK_API_VERSION = '5.199';
/** VK's window plus a margin for the request's trip. */
const WINDOW_MS = 1_050;

export class VkApiError extends SourceError {
  readonly code: number;
  constructor(code: number, message: string) {
    super(`VK error ${code}: ${message}${HINTS[code] ?? ''}`);
    this.name = 'VkApiError';
    this.code = code;
  }
}

const HINTS: Record<number, string> = {
  5: ' (VK_SERVICE_TOKEN is refused: check the service key)',
  27: ' (a community token cannot read walls: VK_SERVICE_TOKEN must be the app’s service key)',
};

export interface VkClientOptions {
  baseUrl: string;
  token: string;
  requestsPerSecond?: number;
  batchSize?: number;
  timeoutMs?: number;
}

type Params = Record<string, string | number>;
interface Pending {
  params: Params;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface VkErrorBody {
  error_code: number;
  error_msg: string;
}

export function createVkMonitorClient(o: VkClientOptions) {
  const rps = o.requestsPerSecond ?? 3;
  const recent: number[] = [];
  const batchSize = o.batchSize ?? 25;
  const queue: Pending[] = [];
  let flushing = false;
  /** `sentAt`: when the last requests left (bounded), so a bench can check the rate where it is made. */
  const stats = { requests: 0, executes: 0, sentAt: [] as number[] };

  /**
   * A sliding window checked right before each send: timers that fire late together (a busy event
   * loop) must still not put more than `rps` requests into one of VK's seconds.
   */
  async function slot(signal?: AbortSignal) {
    for (;;) {
      const now = Date.now();
      while (recent.length && recent[0]! <= now - WINDOW_MS) recent.shift();
      if (recent.length < rps) {
        recent.push(now);
        stats.sentAt.push(now);
        if (stats.sentAt.length > 1000) stats.sentAt.shift();
        return;
      }
      await sleep(recent[0]! + WINDOW_MS - now + 1, signal);
      if (signal?.aborted) throw new SourceError('aborted');
    }
  }

  /** `slotted`: the caller already waited for this request's slot. */
  async function request(method: string, params: Params, signal?: AbortSignal, slotted = false) {
    if (!slotted) await slot(signal);
    stats.requests += 1;
    const body = new URLSearchParams({ ...params, access_token: o.token, v: VK_API_VERSION } as Record<
      string,
      string
    >);
    const linked = linkedSignal([signal], o.timeoutMs ?? 20_000);
    let json: { response?: unknown; error?: VkErrorBody; execute_errors?: VkErrorBody[] };
    try {
      const res = await fetch(`${o.baseUrl.replace(/\/+$/, '')}/${method}`, {
        method: 'POST',
        body,
        signal: linked.signal,
      });
      if (!res.ok) throw new SourceError(`VK API HTTP ${res.status}`);
      json = (await res.json()) as typeof json;
    } finally {
      linked.dispose();
    }
    if (json.error) throw new VkApiError(json.error.error_code, json.error.error_msg);
    return method === 'execute' ? json : json.response;
  }

  async function runBatch(batch: Pending[]) {
    const calls = batch.map((p) => `API.wall.get(${JSON.stringify(p.params)})`);
    try {
      const code = `return [${calls.join(',')}];`;
      const json = (await request('execute', { code }, undefined, true)) as {
        response?: unknown[];
        execute_errors?: VkErrorBody[];
      };
      stats.executes += 1;
      // A call that failed inside execute yields `false`; its error is the next in execute_errors.
      const errors = [...(json.execute_errors ?? [])];
      for (const [i, p] of batch.entries()) {
        const r = json.response?.[i];
        if (r !== false && r !== undefined) {
          p.resolve(r);
          continue;
        }
        const e = errors.shift();
        p.reject(
          e ? new VkApiError(e.error_code, e.error_msg) : new SourceError('VK execute returned no result'),
        );
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  async function flush() {
    while (queue.length) {
      const batch = queue.splice(0, batchSize);
      // Waiting here (not in the request) lets more calls join the next batch meanwhile.
      await slot();
      void runBatch(batch);
    }
    flushing = false;
  }

  return {
    stats,
    call: (method: string, params: Params, signal?: AbortSignal) => request(method, params, signal),
    /** wall.get, batched with other wall.get calls of the same moment into one execute. */
    wallGet(params: Params): Promise<unknown> {
      return new Promise((resolve, reject) => {
        queue.push({ params, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}

export type VkMonitorClient = ReturnType<typeof createVkMonitorClient>;
