import type { ChildProcess } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import {
  type ConfigFixture,
  listening,
  spawnMcu,
  waitUntil,
  writeConfigFixture,
} from '../support/service-fixture.ts';

vi.setConfig({ testTimeout: 45_000 });

interface Running {
  child: ChildProcess;
  records: Array<Record<string, unknown>>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `mcu start` with JSON logs on stdout, collected line by line. */
function start(f: ConfigFixture): Running {
  const child = spawnMcu(['start'], { ...f.env, LOG_LEVEL: 'info', PORT: '0', SHUTDOWN_TIMEOUT_MS: '3000' });
  const records: Array<Record<string, unknown>> = [];
  let pending = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) records.push(JSON.parse(l));
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, records, stderr: () => stderr, exited };
}

/** Polls until the probe gives a value. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 15_000,
): Promise<T> {
  return (await waitUntil(what, probe, (v) => v !== undefined, { timeoutMs: ms, everyMs: 50 })) as T;
}

describe('mcu start: graceful shutdown', () => {
  it.for(['SIGTERM', 'SIGINT'] as const)(
    'when the running service gets %s, then it stops serving, logs «stopped» and exits 0 within a few seconds',
    async (signal, { onTestFinished }) => {
      const f = writeConfigFixture();
      const run = start(f);
      onTestFinished(() => {
        if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
        f.cleanup();
      });

      const started = await until('«service started» on stdout', () => {
        if (run.child.exitCode !== null) throw new Error(`mcu start exited early: ${run.stderr()}`);
        return run.records.find((r) => r.msg === 'service started');
      });
      const port = started.port as number;
      expect(port).toBeGreaterThan(0);
      expect(started).toMatchObject({ service: 'mcu-intake', level: 30, adapters: [] });

      const health = await until('/healthz 200', async () => {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
        return res?.status === 200 ? res.json() : undefined;
      });
      expect(health).toEqual({ status: 'ok', database: 'ok', adapters: {} });

      const t0 = Date.now();
      run.child.kill(signal);
      const { code, signal: killedBy } = await run.exited;
      expect(Date.now() - t0).toBeLessThan(6_000); // the hard stop would fire at 3 s + 5 s, exit 1
      expect(killedBy).toBeNull();
      expect(code).toBe(0);
      expect(run.stderr()).toBe('');

      const messages = run.records.map((r) => r.msg);
      expect(run.records.find((r) => r.msg === 'signal received')).toMatchObject({ signal });
      expect(messages.at(-1)).toBe('stopped');
      expect(messages.indexOf('signal received')).toBeLessThan(messages.indexOf('stopped'));
      expect(messages).not.toContain('graceful stop took too long; exiting');
      expect(await listening(port)).toBe(false);
    },
  );
});
