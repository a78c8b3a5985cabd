// Removes what tsc emitted last time (dist/main, dist/bench) before it emits again, so a module
// that was moved or deleted leaves no stale copy behind. The bundles (dist/renderer,
// dist/preload) are rebuilt by scripts/bundle.js and left alone here.
import { rmSync } from 'node:fs';

for (const dir of ['dist/main', 'dist/bench']) rmSync(dir, { recursive: true, force: true });
