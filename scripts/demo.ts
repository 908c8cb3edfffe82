/**
 * `npm run demo`: the whole service against an embedded Bot API emulator (telegram-test-api) — no
 * tokens, no network. Two residents consent and report a pothole and full bins; an executor takes a
 * card in the staff group and answers; the resident confirms and rates. Prints each step and where
 * to look afterwards, then stops everything it started.
 */
import { loadConfig } from '../src/config/load.ts';
import { createLogger } from '../src/logger.ts';
import { type Service, startService } from '../src/main.ts';
import { type Emulator, startEmulator, stopEmulator } from '../test/fakes/telegram-emulator.ts';
import {
  type BotMessage,
  botMessages,
  button,
  REPO,
  STAFF_CHAT,
  TOKEN,
  waitForBot,
  writeDemoConfig,
} from './demo-setup.ts';
import { playVkResident, startDemoVk } from './demo-vk.ts';

const indent = (text: string) => text.replace(/^/gm, '      ');
const step = (n: number, ru: string, en: string) => console.log(`\n${n}. ${ru}\n   (${en})`);
const bot = (m: BotMessage) =>
  console.log(
    `   бот → ${indent(m.text).trimStart()}${m.buttons.length ? `\n      [${m.buttons.map((b) => b.text).join('] [')}]` : ''}`,
  );

type Client = ReturnType<Emulator['getClient']>;
const press = (c: Client, chatId: number, type: 'private' | 'supergroup', m: BotMessage, label: string) =>
  c.sendCallback(
    c.makeCallbackQuery(button(m, label), {
      message: { message_id: m.messageId, chat: { id: chatId, type } },
    }),
  );

interface Resident {
  client: Client;
  userId: number;
  number: string;
  lastId: number;
}

async function resident(
  server: Emulator,
  n: number,
  name: string,
  userId: number,
  text: string,
): Promise<Resident> {
  const client = server.getClient(TOKEN, {
    userId,
    chatId: userId,
    firstName: name,
    userName: `resident${userId}`,
  });
  step(
    n,
    `${name} пишет боту /start и нажимает «Согласен»`,
    `${name} sends /start and accepts the personal-data notice`,
  );
  await client.sendCommand(client.makeCommand('/start'));
  const consent = await waitForBot(server, userId, (m) => m.buttons.some((b) => b.text === 'Согласен'));
  bot(consent);
  await press(client, userId, 'private', consent, 'Согласен');
  console.log(`   ${name} → ${text}`);
  await client.sendMessage(client.makeMessage(text));
  const reg = await waitForBot(server, userId, (m) => m.text.includes('зарегистрировано'), consent.messageId);
  bot(reg);
  return { client, userId, number: /№ (\S+?)\./.exec(reg.text)?.[1] ?? '?', lastId: reg.messageId };
}

async function staffAnswers(server: Emulator, r: Resident) {
  const staff = server.getClient(TOKEN, {
    userId: 1002,
    chatId: STAFF_CHAT,
    type: 'supergroup',
    chatTitle: 'МЦУ: сотрудники',
    firstName: 'Сергей',
  });
  step(3, 'В группе сотрудников появились карточки обращений', 'staff cards arrived in the staff group');
  const card = await waitForBot(server, STAFF_CHAT, (m) => m.text.includes(r.number));
  for (const m of botMessages(server, STAFF_CHAT)) bot(m);
  step(
    4,
    `Исполнитель Петров нажимает «Взять» на карточке № ${r.number}`,
    'executor Petrov presses «Взять» (take)',
  );
  await press(staff, STAFF_CHAT, 'supergroup', card, 'Взять');
  const edited = await waitForBot(
    server,
    STAFF_CHAT,
    (m) => m.messageId === card.messageId && m.text !== card.text,
    card.messageId - 1,
  );
  console.log('   карточка обновлена (card edited in place):');
  bot(edited);
  const answer = 'Контейнерную площадку очистили, вывоз мусора теперь ежедневно.';
  step(5, `Петров отвечает: /answer ${r.number} ${answer}`, 'Petrov answers with the /answer command');
  await staff.sendCommand(staff.makeCommand(`/answer ${r.number} ${answer}`));
}

async function residentRates(server: Emulator, r: Resident) {
  step(
    6,
    'Житель получает ответ, подтверждает решение и ставит оценку 5',
    'the resident gets the answer, confirms and rates 5',
  );
  const answer = await waitForBot(server, r.userId, (m) => m.text.includes('Ответ по обращению'), r.lastId);
  bot(answer);
  await press(r.client, r.userId, 'private', answer, 'Да');
  const ask = await waitForBot(
    server,
    r.userId,
    (m) => m.buttons.some((b) => b.text === '5'),
    answer.messageId,
  );
  bot(ask);
  await press(r.client, r.userId, 'private', ask, '5');
  bot(await waitForBot(server, r.userId, (m) => m.text.includes('Спасибо за оценку'), ask.messageId));
}

async function summary(service: Service, env: NodeJS.ProcessEnv, dbFile: string) {
  step(8, 'Что записано в базе', 'what the database holds');
  for (const a of await service.deps.store.appeals.list({ limit: 10 })) {
    console.log(
      `   № ${a.number}  ${a.status.padEnd(9)} ${a.sector.padEnd(9)} исполнитель: ${a.assigneeId ?? '—'}  оценка: ${a.rating ?? '—'}`,
    );
  }
  const vars = `DATABASE_URL=${env.DATABASE_URL} MCU_CONFIG=${env.MCU_CONFIG}`;
  console.log(`\nГде смотреть / where to look:\n   база (database): ${dbFile}`);
  console.log(`   ${vars} npx mcu appeals list`);
  console.log(`   ${vars} npx mcu appeal show <номер>`);
}

async function main(): Promise<number> {
  console.log('Демонстрация mcu-intake: сервис + эмулятор Telegram Bot API (telegram-test-api), без сети');
  const { server, apiURL } = await startEmulator();
  const vk = await startDemoVk();
  let service: Service | null = null;
  try {
    const setup = writeDemoConfig(apiURL);
    console.log(`   эмулятор Bot API: ${apiURL}; конфигурация: ${setup.dir}`);
    service = await startService(loadConfig({ ...setup.env, ...vk.env }, REPO), createLogger('error'));
    await resident(server, 1, 'Анна', 5001, 'На улице Ленина огромная яма на дороге, машины бьют колёса');
    const r2 = await resident(
      server,
      2,
      'Борис',
      5002,
      'Не вывозят мусор у дома 7 на Садовой, контейнерная площадка переполнена',
    );
    await staffAnswers(server, r2);
    await residentRates(server, r2);
    await playVkResident(vk.fake, service, step, 7);
    await summary(service, setup.env, setup.dbFile);
    return 0;
  } catch (error) {
    console.error(`\nДемонстрация прервана (demo failed): ${(error as Error).message}`);
    return 1;
  } finally {
    await service?.stop();
    await stopEmulator(server);
    await vk.close();
    console.log('\nСервис и эмулятор остановлены (service and emulator stopped).');
  }
}

process.exitCode = await main();
