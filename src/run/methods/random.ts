import { runRandomSearch } from '../../optimizers/baselines/random-search.js';
import { fineTuneOptions } from '../sepo-options.js';
import type { MethodSpec } from './method-spec.js';

export const random: MethodSpec = {
  name: 'random',
  summary: "ablation: SePO's loop with rewrites that see no feedback, no examples and no scores",
  options: [],
  run: (ctx, optimizer) => runRandomSearch(optimizer, fineTuneOptions(ctx.options)),
};
