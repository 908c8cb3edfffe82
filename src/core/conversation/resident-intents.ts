/**
 * What a resident's private message asks for, the same in every channel, and the answers that need
 * only the core: the greeting or the consent notice, the list of appeals, the ПОС link, help and
 * «please write text». Channels parse their own commands and buttons and pass the command name in.
 */
import type { InboundMessage } from '../appeals/intake.ts';
import type { CoreDeps } from '../deps.ts';
import { toChat } from '../notify.ts';
import type { Repositories } from '../ports.ts';
import { type ResidentWording, textsRu } from '../texts-ru.ts';
import { consentNotice, residentAppeals, statusListText } from './resident-inbound.ts';

/** «официальное обращение», «59-ФЗ», «59 фз»: the resident wants a formal обращение. */
const FORMAL = /официальн\S*\s+обращени|59\s*-?\s*фз/i;
const MY_APPEALS = /^(мои обращения|статус)[.!?]*$/i;
/** A keyword message longer than this also carries a problem, which is registered as usual. */
const FORMAL_ONLY_MAX = 60;

/**
 * `start`, `status`, `formal`, `help`: a command or «Мои обращения». `formalNote`: the 59-ФЗ keyword in a
 * short message; `formalAndReport`: in a longer one, which also describes a problem.
 */
export type ResidentIntent =
  | 'start'
  | 'status'
  | 'formal'
  | 'help'
  | 'formalNote'
  | 'formalAndReport'
  | 'report';

const COMMANDS: ReadonlyMap<string, ResidentIntent> = new Map([
  ['start', 'start'],
  ['status', 'status'],
  ['formal', 'formal'],
]);

/** `command`: the channel's command name (/status → 'status'), or null for plain text. */
export function residentIntent(text: string, command: string | null): ResidentIntent {
  // /help and any command we do not know get the help text.
  if (command !== null) return COMMANDS.get(command) ?? 'help';
  if (MY_APPEALS.test(text)) return 'status';
  if (FORMAL.test(text)) return text.length <= FORMAL_ONLY_MAX ? 'formalNote' : 'formalAndReport';
  return 'report';
}

/** Answered from the state of the resident's appeals: earlier reports must be registered first. */
export function readsState(intent: ResidentIntent): boolean {
  return intent === 'start' || intent === 'status' || intent === 'formal' || intent === 'help';
}

/** Who asked, and where the answer goes. */
export interface ResidentChat {
  channel: string;
  /** The resident's id in the channel. */
  externalId: string;
  chatId: string;
}

export interface ResidentDialogSettings {
  municipality: string;
  /** The «Платформа обратной связи» form for formal обращения. */
  posUrl: string;
  wording: ResidentWording;
}

/** `unreadable`: nothing we can register (a sticker, a voice message); the resident was asked for text. */
export type ResidentStep = { appeal: InboundMessage } | { done: true; unreadable?: true };

async function say(deps: CoreDeps, tx: Repositories, chat: ResidentChat, text: string) {
  await tx.outbox.enqueue(toChat(chat.channel, chat.chatId, text), deps.clock.now());
}

/** /start: a resident who consented is welcomed back; anyone else gets the consent notice. */
async function start(deps: CoreDeps, tx: Repositories, chat: ResidentChat, s: ResidentDialogSettings) {
  const resident = await tx.residents.findByExternal(chat.channel, chat.externalId);
  if (resident?.consentAt) return say(deps, tx, chat, textsRu.welcomeBack(s.municipality, s.wording));
  await tx.outbox.enqueue(consentNotice(deps, chat.channel, chat.chatId), deps.clock.now());
}

/** Answers every intent but a plain report; the 59-ФЗ note goes first when a report carries it. */
export async function answerResidentIntent(
  deps: CoreDeps,
  tx: Repositories,
  chat: ResidentChat,
  intent: Exclude<ResidentIntent, 'report'>,
  s: ResidentDialogSettings,
): Promise<void> {
  if (intent === 'start') return start(deps, tx, chat, s);
  if (intent === 'status') {
    const appeals = await residentAppeals(tx, chat.channel, chat.externalId);
    return say(deps, tx, chat, statusListText(appeals));
  }
  if (intent === 'help') return say(deps, tx, chat, textsRu.help(s.wording));
  await say(deps, tx, chat, textsRu.formal(s.posUrl));
}

/**
 * Answers what needs no appeal at once; returns the message for the core when it is a problem report,
 * so consecutive reports can be registered together (and merged, see mergeWindowMs).
 */
export async function residentStep(
  deps: CoreDeps,
  tx: Repositories,
  chat: ResidentChat,
  message: { intent: ResidentIntent; inbound: InboundMessage | null },
  s: ResidentDialogSettings,
): Promise<ResidentStep> {
  const { intent, inbound } = message;
  if (intent !== 'report') await answerResidentIntent(deps, tx, chat, intent, s);
  if (intent !== 'report' && intent !== 'formalAndReport') return { done: true };
  if (!inbound) {
    await say(deps, tx, chat, textsRu.textPlease(s.wording));
    return { done: true, unreadable: true };
  }
  return { appeal: inbound };
}
