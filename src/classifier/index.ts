/** Public API of the classifier adapter. */
export {
  type RunClassifyOptions,
  type RunTrainOptions,
  type RunTrainResult,
  runClassify,
  runTrain,
} from './cli.ts';
export { catalogueExamples, loadCorpus, shippedModel } from './corpus.ts';
export { DEFAULT_SECTORS } from './default-catalogue.ts';
export type { Model } from './model.ts';
export {
  type ClassifierLogger,
  type ClassifierOptions,
  createClassifier,
  DEFAULT_THRESHOLD,
} from './pipeline.ts';
export { ReloadableClassifier } from './reloadable.ts';
export { deserialiseModel, loadModel, ModelLoadError, saveModel, serialiseModel } from './serialise.ts';
export { type TrainOptions, trainModel } from './train.ts';
