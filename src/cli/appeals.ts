import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.ts';
import { APPEAL_STATUSES, type AppealStatus, STATUS_NAMES_RU } from '../core/appeals/lifecycle.ts';
import { findAppeal } from '../core/appeals/transition.ts';
import { ValidationError } from '../core/errors.ts';
import { systemClock } from '../core/ports.ts';
import { residentPseudonym } from '../core/privacy.ts';
import { maskContacts } from '../core/text/contacts.ts';
import { formatDateTime } from '../core/texts-ru.ts';
import { createLogger } from '../logger.ts';
import { buildCoreDeps } from '../main.ts';
import { createStore } from '../store/create-store.ts';

async function withDeps<T>(
  work: (deps: Awaited<ReturnType<typeof buildCoreDeps>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = await createStore({ url: config.env.DATABASE_URL });
  try {
    return await work(await buildCoreDeps(config, store, createLogger('silent'), systemClock));
  } finally {
    await store.close();
  }
}

export async function appealsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      status: { type: 'string' },
      sector: { type: 'string' },
      limit: { type: 'string', default: '50' },
    },
  });
  if (values.status && !APPEAL_STATUSES.includes(values.status as AppealStatus)) {
    throw new ValidationError(`unknown status «${values.status}»; one of ${APPEAL_STATUSES.join(', ')}`);
  }
  return withDeps(async (deps) => {
    const rows = await deps.store.appeals.list({
      statuses: values.status ? [values.status as AppealStatus] : undefined,
      sector: values.sector,
      limit: Number(values.limit) || 50,
    });
    for (const a of rows) {
      const due = formatDateTime(a.dueAt, deps.settings.timeZone);
      // A list travels further than the card: residents by pseudonym, contacts masked.
      const text = maskContacts(a.text).slice(0, 60).replace(/\s+/g, ' ');
      process.stdout.write(
        `${a.number}\t${a.status}\t${a.sector}\tдо ${due}\t${residentPseudonym(a.residentId)}\t${text}\n`,
      );
    }
    if (rows.length === 0) process.stdout.write('no appeals\n');
    return 0;
  });
}

export async function appealShowCommand(args: string[]): Promise<number> {
  const ref = args[0];
  if (!ref) throw new ValidationError('usage: mcu appeal show <number>');
  return withDeps(async (deps) => {
    const a = await findAppeal(deps, deps.store, ref);
    const tz = deps.settings.timeZone;
    const out = [
      `№ ${a.number} — ${STATUS_NAMES_RU[a.status]} (${a.status})`,
      `kind: ${a.kind}; channel: ${a.channel}; sector: ${a.sector} (${a.sectorDecidedBy}, ${a.sectorConfidence.toFixed(2)})`,
      `received: ${formatDateTime(a.receivedAt, tz)}; due: ${formatDateTime(a.dueAt, tz)}${a.urgent ? '; URGENT' : ''}`,
      `resident: ${residentPseudonym(a.residentId)}`,
      a.assigneeId ? `assignee: ${a.assigneeId}` : null,
      a.intakeNote ? `note: ${a.intakeNote}` : null,
      '',
      a.text,
      '',
      'history:',
      ...(await deps.store.appeals.events(a.id)).map(
        (e) =>
          `  ${formatDateTime(e.at, tz)}  ${e.type}${e.toStatus ? ` → ${e.toStatus}` : ''}  by ${e.actor}`,
      ),
    ];
    process.stdout.write(`${out.filter((l) => l !== null).join('\n')}\n`);
    return 0;
  });
}
