/** The channel adapters the environment asks for; each runs only when configured. */
import type { ChannelAdapter } from '../core/ports.ts';
import type { AdapterContext } from '../main.ts';
import { createTelegramAdapter } from './telegram/create-telegram-adapter.ts';
import { telegramSettings } from './telegram/settings.ts';

export function configuredAdapters(ctx: AdapterContext): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [];
  if (ctx.config.env.TELEGRAM_BOT_TOKEN) adapters.push(createTelegramAdapter(ctx, telegramSettings(ctx.config)));
  return adapters;
}
