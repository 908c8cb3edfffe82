/** Appeal kinds and statuses, and which status may follow which. */

/** сообщение (bot or social message), обращение under 59-ФЗ, incident found by the monitor. */
export const APPEAL_KINDS = ['message', 'appeal59', 'incident'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_STATUSES = [
  'new',
  'triage',
  'assigned',
  'in_progress',
  'needs_info',
  'answered',
  'closed',
  'rejected',
  'duplicate',
  'reopened',
] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** Statuses in which the appeal is still somebody's work and its deadline runs. */
export const OPEN_STATUSES: readonly AppealStatus[] = [
  'new',
  'triage',
  'assigned',
  'in_progress',
  'needs_info',
  'reopened',
];

// Staff may close any open appeal without a written answer (solved by phone, on site).
const WORKING: AppealStatus[] = [
  'assigned',
  'in_progress',
  'needs_info',
  'answered',
  'rejected',
  'duplicate',
  'closed',
];

const TRANSITIONS: Record<AppealStatus, readonly AppealStatus[]> = {
  new: ['triage', ...WORKING],
  triage: ['new', ...WORKING],
  assigned: ['new', 'triage', ...WORKING],
  in_progress: ['new', 'triage', ...WORKING],
  needs_info: ['in_progress', 'assigned', 'answered', 'rejected', 'duplicate', 'closed'],
  answered: ['closed', 'reopened'],
  reopened: ['assigned', 'in_progress', 'needs_info', 'answered', 'rejected', 'duplicate', 'closed'],
  closed: ['reopened'],
  // Staff may undo a spam or duplicate mark by sending the appeal back to triage.
  rejected: ['triage'],
  duplicate: ['triage'],
};

export function canTransition(from: AppealStatus, to: AppealStatus): boolean {
  // Reassignment keeps the status 'assigned' but is still a recorded event.
  return TRANSITIONS[from].includes(to) || (from === to && to === 'assigned');
}

export function isOpen(status: AppealStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Russian status names, as residents and staff see them. */
export const STATUS_NAMES_RU: Record<AppealStatus, string> = {
  new: 'зарегистрировано',
  triage: 'уточняется исполнитель',
  assigned: 'передано исполнителю',
  in_progress: 'в работе',
  needs_info: 'нужны уточнения',
  answered: 'дан ответ',
  closed: 'закрыто',
  rejected: 'отклонено',
  duplicate: 'объединено с другим обращением',
  reopened: 'возобновлено',
};
