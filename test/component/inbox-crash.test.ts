import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInboxProcessor } from '../../src/core/inbox/process-inbox.ts';
import { createStore } from '../../src/store/create-store.ts';
import { intakeHandler, recordingLogger } from '../support/factories.ts';
import { openTestEnv, tempDir } from '../support/harness.ts';

const EVENTS = 40;
const KILL_AFTER = 5;
const CHILD = path.resolve(import.meta.dirname, '../support/inbox-crash-child.ts');

describe('inbox crash safety', () => {
  const tmp = tempDir('mcu-crash-');
  afterAll(() => tmp.cleanup());

  it('when the worker is killed (SIGKILL) mid-drain, then a restart turns every event into exactly one appeal', async () => {
    const dbUrl = `file:${path.join(tmp.dir, 'crash.db')}`;
    // Create and migrate the file first, so the child does not race the migration.
    await (await createStore({ url: dbUrl })).close();

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbUrl, String(EVENTS)], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += String(b);
    });
    const progress: string[] = [];
    const killed = new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (b) => {
        buffer += String(b);
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          progress.push(line);
          if (line === `done ${KILL_AFTER}`) {
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
      child.on('exit', () =>
        reject(new Error(`child exited before the kill: ${progress.join('|')} ${stderr}`)),
      );
    });
    await killed;
    const [, signal] = await once(child, 'exit');
    expect(signal).toBe('SIGKILL');
    expect(progress).toContain(`stored ${EVENTS}`);
    expect(progress).not.toContain('finished');

    // Restart: open the same file with a fresh core and drain what is left.
    const env = await openTestEnv();
    const store = await createStore({ url: dbUrl });
    try {
      const deps = { ...env.deps, store };
      const before = await store.db.appeal.count();
      expect(before).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(before).toBeLessThan(EVENTS);

      const processor = createInboxProcessor(
        deps,
        { telegram: intakeHandler(deps) },
        { logger: recordingLogger() },
      );
      const r = await processor.drainOnce();
      expect(r).toEqual({ done: EVENTS - before, failed: 0 });

      const events = await store.db.inboxEvent.findMany();
      const appeals = await store.db.appeal.findMany({ orderBy: { seq: 'asc' } });
      expect(events).toHaveLength(EVENTS);
      expect(events.every((e) => e.status === 'done')).toBe(true);
      expect(appeals).toHaveLength(EVENTS);
      expect(new Set(appeals.map((a) => a.text)).size).toBe(EVENTS);
      // Gap-free numbering across the crash.
      expect(appeals.map((a) => a.seq)).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
    } finally {
      await store.close();
      await env.close();
    }
  });
});
