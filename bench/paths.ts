/** Where the benchmarks find the repository, the test fixtures and their scratch folder. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (benchmarks run compiled, from dist/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** test/fixtures: the paper's LUT and model, real LUT files, test photos (origins and licences in its READMEs). */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
/** Generated inputs and outputs (git-ignored). */
export const BENCH_OUT = path.join(ROOT, 'bench/out');
