#!/usr/bin/env node
// Runs `prisma generate` without network. Prisma's CLI insists on a native schema-engine binary
// it would download; generation does not use it, so any executable satisfies the check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const cli = 'node_modules/prisma/build/index.js';
if (!existsSync(cli)) {
  console.error('prisma-generate: node_modules/prisma is missing; run npm install');
  process.exit(1);
}
const r = spawnSync(process.execPath, [cli, 'generate'], { env, stdio: 'inherit' });
process.exit(r.status ?? 1);
