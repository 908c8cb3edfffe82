/** The monitor's part of the configuration: the `monitor:` section of mcu.yaml and its environment. */
import { z } from 'zod';
import { blankToUndefined, commaList } from './parse.ts';

const interval = z.number().int().min(1).max(1440).default(5);
const id = z
  .string()
  .regex(/^[\w.:/-]{1,100}$/, 'latin letters, digits and _ . : / -')
  .optional();

/** One public source. `local`: its posts count as the municipality's without naming a place. */
export const monitorSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('vk_wall'),
      id,
      owner: z.coerce.string().min(1),
      interval,
      local: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('vk_search'),
      id,
      query: z.string().min(2),
      interval,
      local: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('tg_channel'),
      id,
      channel: z.string().regex(/^@?[A-Za-z0-9_]{3,64}$/, 'a public channel name such as city_news'),
      interval,
      local: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rss'),
      id,
      url: z.url({ protocol: /^https?$/ }),
      interval,
      local: z.boolean().default(false),
    })
    .strict(),
]);

export type MonitorSourceConfig = z.infer<typeof monitorSourceSchema>;

const relevanceDefaults = { minConfidence: 0.4, keywords: [], complaintWords: [] };

export const monitorFileSchema = z
  .object({
    sources: z.array(monitorSourceSchema).default([]),
    relevance: z
      .object({
        minConfidence: z.number().min(0).max(1).default(0.4),
        keywords: z.array(z.string().min(2)).default([]),
        complaintWords: z.array(z.string().min(2)).default([]),
      })
      .strict()
      .default(relevanceDefaults),
    groupingWindowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14)
      .default(72),
    retentionDays: z.number().int().min(1).max(3650).default(30),
    alertAfterCycles: z.number().int().min(1).max(1000).default(3),
    /** A page or feed larger than this is refused (and the download aborted). */
    maxPageBytes: z.number().int().min(10_000).max(100_000_000).default(5_000_000),
    /** The regions' limit from a post to its public answer, as the digests count it; 24 h when unset. */
    publicAnswerLimitHours: z
      .number()
      .positive()
      .max(24 * 7)
      .optional(),
  })
  .strict()
  .default({
    sources: [],
    relevance: relevanceDefaults,
    groupingWindowHours: 72,
    retentionDays: 30,
    alertAfterCycles: 3,
    maxPageBytes: 5_000_000,
  });

export type MonitorFileConfig = z.infer<typeof monitorFileSchema>;

/** A quick start without the file: comma-separated lists. */
export const monitorEnv = {
  VK_SERVICE_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().trim().min(10, "the VK app's service key (wall.get and newsfeed.search need it)").optional(),
  ),
  MONITOR_VK_OWNERS: commaList,
  MONITOR_VK_QUERIES: commaList,
  MONITOR_TG_CHANNELS: commaList,
  MONITOR_TG_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://t.me'),
  MONITOR_RSS_URLS: commaList.pipe(z.array(z.url({ protocol: /^https?$/ }))),
};

/** VK sources, from the file or the environment, need the service key. */
export function checkMonitorConfig(
  env: { VK_SERVICE_TOKEN?: string; MONITOR_VK_OWNERS: string[]; MONITOR_VK_QUERIES: string[] },
  file: MonitorFileConfig,
): string[] {
  const vk =
    env.MONITOR_VK_OWNERS.length + env.MONITOR_VK_QUERIES.length > 0 ||
    file.sources.some((s) => s.kind === 'vk_wall' || s.kind === 'vk_search');
  return vk && !env.VK_SERVICE_TOKEN
    ? [
        "environment: set VK_SERVICE_TOKEN — VK walls and searches need the app's service key (not the community token)",
      ]
    : [];
}
