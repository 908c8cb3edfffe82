/** One schema for all configuration: environment variables plus the municipality's YAML file. */
import { z } from 'zod';

const intString = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Environment. Every variable here is listed in .env.example and the README. */
export const envSchema = z.object({
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
});

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
        messageHours: z.number().positive().max(24 * 30).optional(),
        incidentTargetHours: z.number().positive().max(24).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const sectorsFileSchema = z
  .object({ sectors: z.array(sectorSchema).min(1) })
  .strict()
  .refine((f) => new Set(f.sectors.map((s) => s.code)).size === f.sectors.length, 'sector codes must be unique')
  .refine((f) => f.sectors.some((s) => s.code === 'other'), 'the catalogue needs the catch-all sector «other»');
