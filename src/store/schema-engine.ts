/**
 * Prisma's own schema engine, compiled to WebAssembly, driven through a driver adapter.
 * Prisma's CLI would download a native engine at run time; municipal networks are often closed,
 * so migrations are made and applied with this instead. The wasm API is internal and unversioned:
 * its version is pinned in package.json to the engine version of @prisma/client, and this is the
 * only module that touches it.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SqlMigrationAwareDriverAdapterFactory };

type WasmExports = Record<string, unknown> & { __wbindgen_start: () => void };
// The "DOM"-free lib has no WebAssembly typings; describe the one call used.
const wasm = (
  globalThis as unknown as {
    WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: WasmExports } }> };
  }
).WebAssembly;

let ready: Promise<void> | undefined;

/** Node 20 cannot import .wasm as an ES module without a flag, so instantiate it by hand once. */
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(jsPath.replace(/\.js$/, '.wasm'));
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
  })();
  return ready;
}

/**
 * The engine replays migration files on a shadow database as single statements, which
 * better-sqlite3 refuses when a file holds several. Route parameterless SQL through executeScript.
 */
function scriptAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && query.sql.includes(';')) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/** Wraps the factory so every connection the engine opens is script-aware and closed afterwards. */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory, opened: SqlDriverAdapter[]) {
  const keep = (a: SqlDriverAdapter) => {
    opened.push(a);
    return scriptAware(a);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => keep(await factory.connect()),
    connectToShadowDb: async () => keep(await factory.connectToShadowDb()),
  } satisfies SqlMigrationAwareDriverAdapterFactory;
}

/**
 * Runs `work` with an engine over the factory's database, then frees the engine and closes the
 * connections it opened (freeing the engine alone leaves them open and the next run sees SQLITE_BUSY).
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
  work: (engine: bg.SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const opened: SqlDriverAdapter[] = [];
  const bound = bindMigrationAwareSqlAdapterFactory(tracked(factory, opened));
  const engine = await bg.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bound);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((a) => a.dispose()));
  }
}
