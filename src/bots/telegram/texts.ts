/** Telegram-side texts, in Russian: short and polite. Resident and appeal-lifecycle texts live in core/texts-ru.ts. */
import type { ResidentWording } from '../../core/texts-ru.ts';

/** How the shared resident texts word what is Telegram's own: slash commands, contacts. */
export const tgResidentWording: ResidentWording = {
  greetingHint: 'Команды: /status — мои обращения, /formal — официальное обращение (59-ФЗ).',
  attachable: 'фото, геопозицию или контакт',
  helpCommands: '/status — мои обращения\n/formal — официальное обращение по 59-ФЗ',
};

export const tgTexts = {
  staffOnly: () => 'Действие доступно только сотрудникам МЦУ.',
  notAllowed: (number: string) => `У вас нет прав на это действие по обращению № ${number}.`,
  headOnly: () => 'Сводка доступна руководителю и координатору.',
  notFound: (ref: string) => `Обращение «${ref}» не найдено. Укажите номер, например 2026-000123 или 123.`,
  illegal: (number: string, status: string) =>
    `Обращение № ${number} сейчас в статусе «${status}», это действие для него недоступно.`,
  invalid: () => 'Не удалось выполнить: проверьте номер и текст команды. /help — список команд.',
  staffUsage: (usage: string) => `Формат: ${usage}`,
  staffHelp: () =>
    'Команды сотрудника:\n' +
    '/answer <номер> <текст> — окончательный ответ\n' +
    '/interim <номер> <текст> — промежуточный ответ (дата вида 25.11 — срок)\n' +
    '/assign <номер> @пользователь — назначить исполнителя\n' +
    '/sector <номер> <код> — сменить направление\n' +
    '/close <номер> — закрыть\n' +
    '/overdue — просроченные, /mine — мои, /stats — статистика, /find <текст> — поиск\n' +
    '/digest, /week — сводка (руководитель, координатор)\n' +
    'Ответ (reply) на карточку текстом — ответ жителю.',
  askPrompt: (number: string) => `Напишите вопрос жителю следующим сообщением (обращение № ${number}).`,
  replyPrompt: (number: string) => `Напишите ответ жителю следующим сообщением (обращение № ${number}).`,
  dupPrompt: (number: string) => `Укажите номер исходного обращения для № ${number} следующим сообщением.`,
  passPrompt: (number: string) =>
    `Куда передать обращение № ${number}? Выберите направление или исполнителя.`,
  done: (what: string, number: string) => `${what}: обращение № ${number}.`,
  noneFound: () => 'Ничего не найдено.',
  noOverdue: () => 'Просроченных обращений нет.',
  noMine: () => 'На вас нет открытых обращений.',
  unknownSector: (codes: string) => `Неизвестное направление. Доступные коды: ${codes}`,
  unknownStaff: (user: string) => `Сотрудник ${user} не найден в списке МЦУ.`,
} as const;

export const DONE = {
  taken: 'Взято в работу',
  assigned: 'Назначен исполнитель',
  sector: 'Направление изменено',
  asked: 'Вопрос отправлен жителю',
  answered: 'Ответ отправлен жителю',
  interim: 'Промежуточный ответ отправлен',
  closed: 'Закрыто',
  spam: 'Отмечено как спам',
  duplicate: 'Отмечено как дубль',
} as const;
