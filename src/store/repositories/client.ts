import type { Prisma, PrismaClient } from '../generated/client.ts';

/** Repositories run on the root client or inside an interactive transaction. */
export type Client = PrismaClient | Prisma.TransactionClient;

export function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Prisma's unique-constraint violation: the row is already there. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
