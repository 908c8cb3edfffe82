/**
 * The VK part of `npm run demo`: a fake VK API and Bots Long Poll server (the one the tests use), the
 * environment that turns the real VK adapter on against it, and one VK resident played from first
 * message to rating. Staff keep working in the Telegram group; here the answer goes through the core
 * use case the staff commands call, so the VK side can be shown on its own.
 */
import { answerAppeal } from '../src/core/appeals/staff-actions.ts';
import type { Service } from '../src/main.ts';
import { createFakeVk, type Delivery, type FakeVk } from '../test/fakes/fake-vk.ts';

const VK_TOKEN = 'vk1.a.demo-community-token';
const VK_GROUP = 777;
const PEER = 6001;

export interface DemoVk {
  fake: FakeVk;
  /** Merge into the service's environment before loadConfig: configuredAdapters then adds VK. */
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startDemoVk(): Promise<DemoVk> {
  const fake = createFakeVk({ groupId: VK_GROUP, token: VK_TOKEN });
  const base = await fake.listen();
  const env = { VK_GROUP_TOKEN: VK_TOKEN, VK_GROUP_ID: String(VK_GROUP), VK_API_BASE_URL: `${base}/method` };
  return { fake, env, close: () => fake.close() };
}

const show = (d: Delivery) => {
  const buttons = d.buttons?.flat().map((b) => b.label) ?? [];
  const keys = buttons.length ? `\n      [${buttons.join('] [')}]${d.inline ? ' (inline)' : ''}` : '';
  console.log(`   сообщество → ${d.text.replace(/\n/g, '\n      ')}${keys}`);
};

/** Waits for the next message of the community to the resident that matches. */
async function next(fake: FakeVk, seen: number, match: (d: Delivery) => boolean): Promise<Delivery> {
  const until = Date.now() + 15_000;
  for (;;) {
    const found = fake.deliveriesTo(PEER).slice(seen).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error('the VK community did not write the expected message');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function press(fake: FakeVk, d: Delivery, label: string) {
  const b = d.buttons?.flat().find((x) => x.label === label);
  if (!b) throw new Error(`no «${label}» button on: ${d.text.slice(0, 60)}`);
  console.log(`   Вера нажимает «${label}»`);
  fake.press(PEER, b);
}

/** One VK resident: message → «Согласен» → «№» → staff answer → «Да» → rating 5. */
export async function playVkResident(
  fake: FakeVk,
  service: Service,
  step: (n: number, ru: string, en: string) => void,
  n: number,
): Promise<void> {
  step(n, 'ВКонтакте: Вера пишет в сообщения сообщества', 'VK: a resident writes to the community');
  const text = 'Во дворе дома 12 на улице Ленина не горит фонарь, вечером темно';
  console.log(`   Вера → ${text}`);
  fake.write(PEER, text);
  const consent = await next(fake, 0, (d) => d.buttons?.flat().some((b) => b.id === 'consent') ?? false);
  show(consent);
  press(fake, consent, 'Согласен');
  const registered = await next(fake, 1, (d) => d.text.includes('зарегистрировано, №'));
  show(registered);
  const number = /№ (\S+?)\./.exec(registered.text)?.[1] ?? '';
  console.log(`   (карточка № ${number} с каналом vk ушла в группу сотрудников Telegram)`);
  const answer = 'Фонарь заменили, освещение во дворе восстановлено.';
  console.log(`   сотрудник отвечает по № ${number}: ${answer}`);
  await service.store.transaction((tx) => answerAppeal(service.deps, tx, number, answer, 'petrov'));
  service.worker.wake();
  const asked = await next(fake, 2, (d) => d.text.includes('Проблема решена?'));
  show(asked);
  press(fake, asked, 'Да');
  const rating = await next(fake, 3, (d) => d.buttons?.flat().some((b) => b.label === '5') ?? false);
  show(rating);
  press(fake, rating, '5');
  show(await next(fake, 4, (d) => d.text.includes('Спасибо за оценку')));
}
