// sepo/models: model strings and AI SDK model objects as model handles, providers, prices.
export { callModel, ModelCallError } from './call-model.js';
export type { ModelHandle, ProviderFactory, ResolveContext } from './model-handle.js';
export { costOf, createPriceTable, type Price, type PriceTable } from './pricing.js';
export { knownProviders, registerProvider } from './provider-registry.js';
export { resolveModel } from './resolve-model.js';
export {
  isLanguageModelV3,
  type ModelHandleOptions,
  type ModelInput,
  modelHandle,
} from './to-model-handle.js';
