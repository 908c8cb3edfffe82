#!/usr/bin/env node
// The `mcu` command. The service runs its TypeScript through tsx, so there is no build step to forget.
import { existsSync } from 'node:fs';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
// A .env in the working directory fills what the environment does not set (the environment wins).
if (existsSync('.env')) process.loadEnvFile('.env');
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli.ts');
