import type { GeneratorName } from '../world-file.js';
import { arithmetic } from './arithmetic.js';
import { dateArithmetic } from './date-arithmetic.js';
import type { SyntheticGenerator } from './generator.js';
import { letterCount } from './letter-count.js';
import { listSort } from './list-sort.js';
import { stringTransform } from './string-transform.js';
import { unitConversion } from './unit-conversion.js';

/** The synthetic task kinds a world file can name in `source.generator`. */
export const GENERATORS: Readonly<Record<GeneratorName, SyntheticGenerator>> = {
  arithmetic,
  'unit-conversion': unitConversion,
  'string-transform': stringTransform,
  'list-sort': listSort,
  'letter-count': letterCount,
  'date-arithmetic': dateArithmetic,
};
