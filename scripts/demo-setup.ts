/**
 * Pieces of `npm run demo`: a sample municipality written to a temp dir, and a view of the emulator's
 * chats (what the bot wrote to each chat, edits included) read in-process, without its polling client.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { Emulator } from '../test/fakes/telegram-emulator.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOKEN = '123456:DEMO_TOKEN';
export const STAFF_CHAT = -100777;
export const STAFF = [
  { id: 'coordinator', name: 'Смирнова Анна (координатор МЦУ)', role: 'coordinator', telegramId: '1001' },
  {
    id: 'petrov',
    name: 'Петров Сергей (ЖКХ, ТКО)',
    role: 'executor',
    telegramId: '1002',
    sectors: ['housing', 'waste'],
  },
] as const;

/** mcu.yaml in a fresh temp dir, using the shipped sector catalogue; returns the env for the service. */
export function writeDemoConfig(apiURL: string): { dir: string; dbFile: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcu-demo-'));
  const file = {
    municipality: { name: 'Городской округ Примерный', timeZone: 'Europe/Moscow' },
    sectorsFile: path.join(REPO, 'config/sectors.yaml'),
    gazetteer: { settlements: ['Примерный', 'Заречье'], streets: ['Ленина', 'Садовая'], organisations: [] },
    staff: STAFF,
  };
  const configPath = path.join(dir, 'mcu.yaml');
  writeFileSync(configPath, stringify(file));
  const dbFile = path.join(dir, 'mcu.db');
  const env = {
    DATABASE_URL: `file:${dbFile}`,
    MCU_CONFIG: configPath,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'error',
    SHUTDOWN_TIMEOUT_MS: '3000',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: apiURL,
    TELEGRAM_STAFF_CHAT_ID: String(STAFF_CHAT),
  };
  return { dir, dbFile, env };
}

export interface BotMessage {
  messageId: number;
  text: string;
  buttons: Array<{ text: string; callback_data: string }>;
}

interface StoredBotMessage {
  messageId: number;
  message: {
    chat_id: string | number;
    text?: string;
    reply_markup?: { inline_keyboard?: BotMessage['buttons'][] };
  };
}

/** What the bot has written to one chat, as it stands now (edits applied), in order. */
export function botMessages(server: Emulator, chatId: number): BotMessage[] {
  const stored = server.storage.botMessages as unknown as StoredBotMessage[];
  return stored
    .filter((m) => String(m.message.chat_id) === String(chatId))
    .map((m) => ({
      messageId: m.messageId,
      text: m.message.text ?? '',
      buttons: (m.message.reply_markup?.inline_keyboard ?? []).flat(),
    }));
}

/** Waits for a bot message in the chat that matches, newer than `after` (a message id). */
export async function waitForBot(
  server: Emulator,
  chatId: number,
  match: (m: BotMessage) => boolean,
  after = 0,
  timeoutMs = 15_000,
): Promise<BotMessage> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = botMessages(server, chatId).find((m) => m.messageId > after && match(m));
    if (found) return found;
    if (Date.now() > until) throw new Error(`the bot did not write the expected message to chat ${chatId}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The callback data of the button with this label. */
export function button(m: BotMessage, label: string): string {
  const b = m.buttons.find((x) => x.text === label);
  if (!b) throw new Error(`no «${label}» button on: ${m.text.slice(0, 60)}`);
  return b.callback_data;
}
