/** `mcu` subcommands: thin wrappers that parse arguments and call the core, the store or the service. */
import { parseArgs } from 'node:util';
import { DomainError } from './core/errors.ts';

const USAGE = `Usage: mcu <command>

  start                      run the service (applies migrations first)
  migrate                    apply database migrations and exit
  config check               validate the environment and the config files
  appeals list [--status S] [--sector CODE] [--limit N]
  appeal show <number>       one appeal with its history (e.g. 2026-000123)
  monitor once               run one monitor cycle over the configured sources and print what it found
  classify [--model FILE]    classify JSONL {"id","text"} from stdin into JSONL on stdout
  train [--data FILE.jsonl] --out FILE
                             retrain the classifier: corpus + staff decisions in the database + FILE
`;

type Command = (args: string[]) => Promise<number>;

// Loaded on demand: `config check` and `migrate` need not pay for the bots and the classifier.
const COMMANDS: Record<string, Command> = {
  start: async () => (await import('./cli/start.ts')).startCommand(),
  migrate: async () => (await import('./cli/migrate.ts')).migrateCommand(),
  'config check': async () => (await import('./cli/config-check.ts')).configCheckCommand(),
  'appeals list': async (args) => (await import('./cli/appeals.ts')).appealsCommand(args),
  'appeal show': async (args) => (await import('./cli/appeals.ts')).appealShowCommand(args),
  classify: async (args) => (await import('./cli/classifier.ts')).classifyCommand(args),
  train: async (args) => (await import('./cli/classifier.ts')).trainCommand(args),
  'monitor once': async () => (await import('./cli/monitor.ts')).monitorOnceCommand(),
};

async function run(argv: string[]): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const [name, rest] = COMMANDS[two] ? [two, argv.slice(2)] : [argv[0] ?? '', argv.slice(1)];
  const command = COMMANDS[name];
  if (
    !command ||
    parseArgs({ args: rest, strict: false, options: { help: { type: 'boolean' } } }).values.help
  ) {
    process.stdout.write(USAGE);
    return command || ['', 'help', '--help', '-h'].includes(name) ? 0 : 2;
  }
  return command(rest);
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  // The one boundary of the CLI: a clear line for known errors, the stack only for bugs.
  if (error instanceof DomainError) process.stderr.write(`mcu: ${error.message}\n`);
  else
    process.stderr.write(`mcu: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
