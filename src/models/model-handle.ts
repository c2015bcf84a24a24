import type { LanguageModelV3 } from '@ai-sdk/provider';

/** A resolved model: the AI SDK model plus what sepo needs to know about it. */
export interface ModelHandle {
  /** Canonical model string, e.g. "openai:gpt-4.1-mini", "openai-compatible:http://h:8000/v1#m", "sim:demo". */
  readonly id: string;
  /** Provider name as written before the first colon of the model string. */
  readonly provider: string;
  /** Provider-specific model id. */
  readonly modelId: string;
  readonly model: LanguageModelV3;
  /** Whether the provider honours a sampling seed (the engine then derives one per sample). */
  readonly supportsSeed: boolean;
  /** True for the simulated world: every output and report built on it must say "simulated". */
  readonly simulated: boolean;
  /**
   * The model runs in this process (the simulated world, test models): calls go straight to
   * `doGenerate`, skipping generateText's per-call machinery, which would dominate their cost.
   */
  readonly inProcess?: boolean;
}

/** What a provider factory may read while resolving: the environment and the user's config. */
export interface ResolveContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The flag or config key the model string came from (e.g. "--optimizer-model"); named in errors. */
  readonly option?: string;
}

/** Builds a handle from the part of the model string after "<provider>:". Throws SepoError on bad input. */
export type ProviderFactory = (rest: string, context: ResolveContext) => ModelHandle;
