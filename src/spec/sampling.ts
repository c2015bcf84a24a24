/** Sampling settings for one role. Unset fields use the provider's defaults. */
export interface SamplingSettings {
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxOutputTokens?: number;
  /** Base seed; the engine derives a per-sample seed from it where the provider supports seeds. */
  readonly seed?: number;
}
