// Copies the files tsc does not emit (the library's SQL migrations) next to the compiled code.
import { cpSync } from 'node:fs';

cpSync('main/core/library/migrations', 'dist/main/core/library/migrations', { recursive: true });
