/** `mcu classify` and `mcu train`: the classifier from the command line. */
import { parseArgs } from 'node:util';
import { runClassify, runTrain } from '../classifier/cli.ts';
import { createClassifier } from '../classifier/pipeline.ts';
import { loadModel } from '../classifier/serialise.ts';
import { loadConfig } from '../config/load.ts';
import { ValidationError } from '../core/errors.ts';
import { createStore } from '../store/create-store.ts';

/** A model that cannot be loaded is refused with its reason, and the shipped model is used instead. */
function modelOrShipped(file: string | undefined) {
  if (!file) return undefined;
  try {
    return loadModel(file);
  } catch (error) {
    process.stderr.write(`mcu: ${(error as Error).message}; using the shipped model\n`);
    return undefined;
  }
}

export async function classifyCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { model: { type: 'string' } } });
  const config = loadConfig();
  const model = modelOrShipped(values.model);
  const classifier = createClassifier({
    catalogue: config.sectors,
    gazetteer: config.file.gazetteer,
    threshold: config.file.classifier.triageThreshold,
    ...(model ? { model } : {}),
  });
  const { errors } = await runClassify({ input: process.stdin, output: process.stdout, classifier });
  if (errors > 0)
    process.stderr.write(`mcu: ${errors} input line(s) could not be read; see their "error" field\n`);
  return 0;
}

export async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' } } });
  if (!values.out) throw new ValidationError('usage: mcu train [--data FILE.jsonl] --out FILE');
  const config = loadConfig();
  const store = await createStore({ url: config.env.DATABASE_URL });
  // Every staff reassignment is a labelled example (TrainingExample rows).
  const history = await store.training.all().finally(() => store.close());
  const r = runTrain({ dataFile: values.data, extraExamples: history, out: values.out });
  const lines = [
    `trained ${r.version} on ${r.examples} examples (${history.length} from staff decisions) in ${r.ms} ms`,
    r.skippedLines ? `skipped ${r.skippedLines} unreadable line(s) of ${values.data}` : null,
    `wrote ${values.out} (${r.bytes} bytes); a running service with CLASSIFIER_MODEL_FILE=${values.out} picks it up`,
  ];
  process.stdout.write(`${lines.filter(Boolean).join('\n')}\n`);
  return 0;
}
