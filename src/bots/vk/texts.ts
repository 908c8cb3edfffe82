/** VK-side texts, in Russian: short and polite. Resident and appeal-lifecycle texts live in core/texts-ru.ts. */
import type { ResidentWording } from '../../core/texts-ru.ts';

export const MY_APPEALS_LABEL = 'Мои обращения';

/** How the shared resident texts word what is VK's own: the keyboard, documents, voice messages. */
export const vkResidentWording: ResidentWording = {
  greetingHint: `Кнопка «${MY_APPEALS_LABEL}» или /status — ваши обращения.`,
  attachable: 'фото, документ или геопозицию',
  helpCommands: `/status или «${MY_APPEALS_LABEL}» — ваши обращения\n/formal — официальное обращение по 59-ФЗ`,
  unreadableNote: 'Стикеры, голосовые и аудиосообщения мы, к сожалению, не можем принять.',
};

export const vkTexts = {
  notFound: () => 'Обращение не найдено.',
  failed: () => 'Не удалось выполнить действие. Попробуйте ещё раз или опишите проблему текстом.',
} as const;
