/** What the benchmarks share: residents' typical messages and a percentile of sorted samples. */

export const RESIDENT_TEXTS = [
  'Во дворе дома 5 по ул. Ленина не вывозят мусор, контейнеры переполнены',
  'На улице Советской яма на проезжей части, уже два колеса пробили',
  'Третий день нет горячей воды в доме 12 на Садовой',
  'Автобус 7 не приходит по расписанию, люди мёрзнут на остановке',
  'Не горят фонари у школы на Мира, дети ходят в темноте',
  'В поликлинике невозможно записаться к терапевту',
];

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
