/**
 * A classifier whose model can be swapped while the service runs: `reload()` on demand,
 * or `watch()` polling the model file. A bad file keeps the current model and is logged.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { Classification, Classifier } from '../core/classification.ts';
import { type ClassifierOptions, createClassifier } from './pipeline.ts';
import { loadModel } from './serialise.ts';

export class ReloadableClassifier implements Classifier {
  private current: Classifier;
  private watching = false;

  constructor(private readonly opts: ClassifierOptions & { modelFile?: string }) {
    this.current = this.build();
  }

  get version(): string {
    return this.current.version;
  }

  classify(text: string): Classification {
    return this.current.classify(text);
  }

  /** Loads the model file again (or the given options' model); returns whether it changed. */
  reload(): boolean {
    const before = this.current.version;
    this.current = this.build();
    return this.current.version !== before;
  }

  /** Polls the model file; a new or changed file is picked up without a restart. */
  watch(intervalMs = 5000): void {
    const file = this.opts.modelFile;
    if (!file || this.watching) return;
    this.watching = true;
    watchFile(file, { interval: intervalMs, persistent: false }, () => this.reload());
  }

  close(): void {
    if (this.opts.modelFile && this.watching) unwatchFile(this.opts.modelFile);
    this.watching = false;
  }

  private build(): Classifier {
    const file = this.opts.modelFile;
    if (!file) return createClassifier(this.opts);
    try {
      return createClassifier({ ...this.opts, model: loadModel(file) });
    } catch (err) {
      this.opts.logger?.warn({ err, file }, 'classifier model refused; using the previous or shipped model');
      return this.current ?? createClassifier(this.opts);
    }
  }
}
