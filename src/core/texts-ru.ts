/** Resident-facing texts, in Russian: short and polite. Channels render them as they are. */
import { STATUS_NAMES_RU } from './appeals/lifecycle.ts';
import type { Appeal } from './model.ts';

// Building an Intl formatter costs far more than using one; keep one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f.format(at).replace(',', '');
}

/** The first line of the greetings; «канал» because the same words go to a bot and to a community. */
const hello = (municipality: string) => `Здравствуйте! Это канал обратной связи: ${municipality}.\n`;

const EMPTY_TEXT = 'Пожалуйста, опишите проблему текстом: что случилось и где (адрес или ориентир).';

/** What resident texts word per channel: how to reach the commands and what can be attached. */
export interface ResidentWording {
  /** The greeting's last line: how to see one's appeals. */
  greetingHint: string;
  /** What a report may carry besides its text, e.g. «фото, геопозицию или контакт». */
  attachable: string;
  /** The help's lines about commands. */
  helpCommands: string;
  /** Said before «please write text»: what the channel delivers that we cannot read. */
  unreadableNote?: string;
}

export const textsRu = {
  registered: (a: Appeal, sectorName: string, tz: string) =>
    `Ваше обращение зарегистрировано, № ${a.number}.\n` +
    `Направление: ${sectorName}.\n` +
    `Срок ответа: до ${formatDateTime(a.dueAt, tz)}.\n` +
    'Мы сообщим здесь о каждом изменении статуса.',
  statusChanged: (a: Appeal) => `Обращение № ${a.number}: ${STATUS_NAMES_RU[a.status]}.`,
  question: (a: Appeal, question: string) =>
    `По обращению № ${a.number} исполнитель просит уточнить:\n${question}\n\nОтветьте, пожалуйста, следующим сообщением.`,
  interim: (a: Appeal, text: string, promised: string | null) =>
    `Промежуточный ответ по обращению № ${a.number}:\n${text}` +
    (promised ? `\nПланируемый срок решения: ${promised}.` : ''),
  answer: (a: Appeal, text: string) => `Ответ по обращению № ${a.number}:\n${text}\n\nПроблема решена?`,
  askRating: (a: Appeal) => `Спасибо! Оцените, пожалуйста, работу по обращению № ${a.number} от 1 до 5.`,
  thanksForRating: () => 'Спасибо за оценку!',
  reopened: (a: Appeal) => `Обращение № ${a.number} возобновлено. Мы передали его руководителю направления.`,
  consent: (municipality: string) =>
    hello(municipality) +
    'Напишите, что случилось и где (адрес или ориентир), можно приложить фото или геопозицию. ' +
    'Каждое сообщение получит номер, а ответ придёт сюда.\n\n' +
    'Чтобы передать ваше сообщение исполнителям, нам нужно ваше согласие на обработку персональных данных ' +
    '(имя, идентификатор в мессенджере, текст и вложения) в целях рассмотрения сообщения (152-ФЗ). ' +
    'Нажмите «Согласен».',
  consentThanks: () => 'Спасибо! Согласие получено. Опишите, пожалуйста, проблему.',
  attached: (a: Appeal) => `Добавлено к обращению № ${a.number}.`,
  noAppeals: () => 'У вас пока нет обращений. Опишите проблему — мы зарегистрируем её.',
  emptyText: () => EMPTY_TEXT,
  extended: (a: Appeal, until: string, reason: string) =>
    `Срок рассмотрения обращения № ${a.number} продлён до ${until}. Причина: ${reason}`,
  welcomeBack: (municipality: string, w: ResidentWording) =>
    hello(municipality) +
    'Опишите, что случилось и где (адрес или ориентир); можно приложить фото или геопозицию.\n' +
    w.greetingHint,
  help: (w: ResidentWording) =>
    `Опишите проблему одним сообщением: что случилось и где. Можно добавить ${w.attachable}.\n` +
    w.helpCommands,
  textPlease: (w: ResidentWording) => (w.unreadableNote ? `${w.unreadableNote} ${EMPTY_TEXT}` : EMPTY_TEXT),
  formal: (posUrl: string) =>
    'Сообщения здесь рассматриваются как сообщения в ЦУР, а не как обращения по 59-ФЗ.\n' +
    'С 30.03.2025 электронное обращение по 59-ФЗ принимается только при подтверждении личности ' +
    'через Госуслуги. Подать официальное обращение можно через форму «Платформы обратной связи»:\n' +
    `${posUrl}`,
  notYours: () => 'Это обращение зарегистрировано не от вас, действие недоступно.',
  alreadyDone: () => 'Спасибо, ваш ответ уже учтён.',
  alreadyRated: () => 'Спасибо, оценка уже получена.',
} as const;

/** Abstract buttons; each channel maps them to its own keyboards. `id` is the action code. */
export interface Button {
  id: string;
  label: string;
}

export const consentButtons = (): Button[][] => [[{ id: 'consent', label: 'Согласен' }]];

export const solvedButtons = (a: Appeal): Button[][] => [
  [
    { id: `solved:yes:${a.id}`, label: 'Да' },
    { id: `solved:no:${a.id}`, label: 'Нет' },
  ],
];

export const ratingButtons = (a: Appeal): Button[][] => [
  [1, 2, 3, 4, 5].map((n) => ({ id: `rate:${n}:${a.id}`, label: String(n) })),
];
