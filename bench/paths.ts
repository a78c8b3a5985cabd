/** Where the benchmarks find the repository, the shared reference data and their scratch folder. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (benchmarks run compiled, from dist/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** ../shared/reference: the paper's LUT and model, real LUT files, test photos. */
export const REFERENCE = path.resolve(ROOT, '../shared/reference');
/** Generated inputs and outputs (git-ignored). */
export const BENCH_OUT = path.join(ROOT, 'bench/out');
