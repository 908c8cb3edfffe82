/** One schema for all configuration: environment variables plus the municipality's YAML file. */
import cron from 'node-cron';
import { z } from 'zod';
import { monitorEnv, monitorFileSchema } from './monitor.ts';
import { blankToUndefined, commaList } from './parse.ts';

const intString = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const chatId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'a numeric Telegram chat id such as -1001234567890');
const cronExpr = z.string().refine((v) => cron.validate(v), 'a cron expression such as 0 9 * * *');

/** Telegram runs only when TELEGRAM_BOT_TOKEN is set; webhook mode only when TELEGRAM_WEBHOOK_URL is. */
const telegramEnv = {
  TELEGRAM_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+:[\w-]+$/, 'a bot token from @BotFather')
      .optional(),
  ),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_STAFF_CHAT_ID: z.preprocess(blankToUndefined, chatId.optional()),
  TELEGRAM_HEAD_CHAT_IDS: commaList.pipe(z.array(chatId)),
  TELEGRAM_WEBHOOK_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  // Telegram allows 1–256 characters A-Z a-z 0-9 _ - in a secret token.
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 characters A-Z a-z 0-9 _ -')
      .optional(),
  ),
  TELEGRAM_MERGE_WINDOW_MS: intString(0, 24 * 3_600_000).default(120_000),
  POS_URL: z.url({ protocol: /^https?$/ }).default('https://pos.gosuslugi.ru/form'),
  DIGEST_CRON: cronExpr.default('0 9 * * *'),
  WEEKLY_CRON: cronExpr.default('0 9 * * 1'),
  ESCALATION_CRON: cronExpr.default('*/10 * * * *'),
};

/** VK runs only when VK_GROUP_TOKEN and VK_GROUP_ID are both set; Callback API only when VK_CALLBACK_SECRET is. */
const vkEnv = {
  VK_GROUP_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().trim().min(10, 'a community access token (Управление → Работа с API)').optional(),
  ),
  VK_GROUP_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, "the community's numeric id without a minus, such as 123456789")
      .optional(),
  ),
  VK_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.vk.com/method'),
  // VK allows up to 50 latin letters and digits in a Callback API secret.
  VK_CALLBACK_SECRET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9]{8,50}$/, '8–50 latin letters and digits')
      .optional(),
  ),
  VK_CONFIRMATION_CODE: z.preprocess(blankToUndefined, z.string().trim().min(1).optional()),
  VK_MERGE_WINDOW_MS: intString(0, 24 * 3_600_000).default(120_000),
};

type VkEnv = Partial<
  Record<'VK_GROUP_TOKEN' | 'VK_GROUP_ID' | 'VK_CALLBACK_SECRET' | 'VK_CONFIRMATION_CODE', string>
>;

function checkVkEnv<T extends VkEnv>(env: T, ctx: z.RefinementCtx<T>) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (env.VK_GROUP_TOKEN && !env.VK_GROUP_ID) issue('VK_GROUP_ID', 'required when VK_GROUP_TOKEN is set');
  if (env.VK_GROUP_ID && !env.VK_GROUP_TOKEN) issue('VK_GROUP_TOKEN', 'required when VK_GROUP_ID is set');
  if (env.VK_CALLBACK_SECRET && !env.VK_CONFIRMATION_CODE) {
    issue(
      'VK_CONFIRMATION_CODE',
      'required when VK_CALLBACK_SECRET is set (the string VK asks the server to return)',
    );
  }
}

/** Environment. Every variable here is listed in .env.example and the README. */
export const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^file:/, 'must be a SQLite URL such as file:./data/mcu.db')
      .default('file:./data/mcu.db'),
    PORT: intString(0, 65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MCU_CONFIG: z.string().min(1).default('config/mcu.yaml'),
    CLASSIFIER_MODEL_FILE: z.string().min(1).optional(),
    SHUTDOWN_TIMEOUT_MS: intString(100, 120_000).default(10_000),
    ...telegramEnv,
    ...vkEnv,
    ...monitorEnv,
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message:
          'required when TELEGRAM_WEBHOOK_URL is set (Telegram sends it back; forged requests are refused)',
      });
    }
  })
  .superRefine(checkVkEnv);

export type Env = z.infer<typeof envSchema>;

const staffSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_.-]+$/i, 'use latin letters, digits, _ . -'),
    name: z.string().min(1),
    role: z.enum(['coordinator', 'block_head', 'executor', 'head']),
    telegramId: z.coerce.string().optional(),
    telegramUsername: z.string().optional(),
    vkId: z.coerce.string().optional(),
    sectors: z.array(z.string()).default([]),
  })
  .strict();

/** The municipality's file (config/mcu.yaml): who, where, which people. */
export const fileSchema = z
  .object({
    municipality: z
      .object({
        name: z.string().min(1),
        timeZone: z.string().default('Europe/Moscow'),
      })
      .strict(),
    sectorsFile: z.string().default('sectors.yaml'),
    gazetteer: z
      .object({
        settlements: z.array(z.string()).default([]),
        streets: z.array(z.string()).default([]),
        organisations: z.array(z.string()).default([]),
      })
      .strict()
      .default({ settlements: [], streets: [], organisations: [] }),
    staff: z.array(staffSchema).default([]),
    classifier: z
      .object({ triageThreshold: z.number().min(0).max(1).default(0.45) })
      .strict()
      .default({ triageThreshold: 0.45 }),
    intake: z
      .object({ maxTextLength: z.number().int().min(100).max(100_000).default(10_000) })
      .strict()
      .default({ maxTextLength: 10_000 }),
    monitor: monitorFileSchema,
  })
  .strict();

export type FileConfig = z.infer<typeof fileSchema>;

const sectorSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case latin code such as roads'),
    name: z.string().min(1),
    keywords: z.array(z.string()).default([]),
    phrases: z.array(z.string()).default([]),
    negativeKeywords: z.array(z.string()).default([]),
    priority: z.number().default(0),
    chatId: z.coerce.string().optional(),
    heads: z.array(z.string()).default([]),
    executors: z.array(z.string()).default([]),
    deadlines: z
      .object({
        messageHours: z
          .number()
          .positive()
          .max(24 * 30)
          .optional(),
        incidentTargetHours: z.number().positive().max(24).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const sectorsFileSchema = z
  .object({ sectors: z.array(sectorSchema).min(1) })
  .strict()
  .refine(
    (f) => new Set(f.sectors.map((s) => s.code)).size === f.sectors.length,
    'sector codes must be unique',
  )
  .refine(
    (f) => f.sectors.some((s) => s.code === 'other'),
    'the catalogue needs the catch-all sector «other»',
  );
