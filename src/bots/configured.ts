/** The channel adapters the environment asks for; each runs only when configured. */
import type { ChannelAdapter } from '../core/ports.ts';
import type { AdapterContext } from '../main.ts';
import { createMonitorAdapter, monitorConfigured } from '../monitor/create-monitor-adapter.ts';
import { createTelegramAdapter } from './telegram/create-telegram-adapter.ts';
import { telegramSettings } from './telegram/settings.ts';
import { createVkAdapter } from './vk/create-vk-adapter.ts';
import { vkSettings } from './vk/settings.ts';

export function configuredAdapters(ctx: AdapterContext): ChannelAdapter[] {
  const adapters: ChannelAdapter[] = [];
  if (ctx.config.env.TELEGRAM_BOT_TOKEN)
    adapters.push(createTelegramAdapter(ctx, telegramSettings(ctx.config)));
  // Either channel alone is a valid deployment; VK needs both the token and the community id.
  if (ctx.config.env.VK_GROUP_TOKEN && ctx.config.env.VK_GROUP_ID)
    adapters.push(createVkAdapter(ctx, vkSettings(ctx.config)));
  // The monitor runs when any public source is configured (file or environment).
  if (monitorConfigured(ctx)) adapters.push(createMonitorAdapter(ctx));
  return adapters;
}
