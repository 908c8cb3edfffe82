#!/usr/bin/env node
// The `mcu` command. The service runs its TypeScript through tsx, so there is no build step to forget.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
