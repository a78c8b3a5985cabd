/**
 * bench:library — imports 1,000 generated .cube files (half 17³, half 33³) into a fresh
 * library and reports the import rate against the readers alone on the same files (the cost
 * of hashing, storing and cataloguing), then the time of a filtered list and of a full-text
 * search over them (target: under 50 ms each).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listPresets } from '../main/core/library/catalogue.js';
import { importPaths } from '../main/core/library/import.js';
import { openLibrary } from '../main/core/library/library.js';
import { addTags, setFavourite, setRating } from '../main/core/library/preset-edits.js';
import { writeCube } from '../main/core/lut/cube-write.js';
import { readLutFile } from '../main/core/lut/lut-file.js';
import { identityLut } from '../main/core/lut/lut.js';
import { BENCH_OUT } from './paths.js';

const LOOKS = path.join(BENCH_OUT, 'library-looks');
const LIBRARY = path.join(BENCH_OUT, 'library-bench');
const COUNT = 1000;
const RUNS = 25;
const WORDS = ['warm', 'cool', 'film', 'portrait', 'landscape', 'night', 'teal', 'fade', 'matte', 'vivid'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function generateLooks(): void {
  if (existsSync(LOOKS) && readdirSync(LOOKS).length === COUNT) return;
  rmSync(LOOKS, { recursive: true, force: true });
  mkdirSync(LOOKS, { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const size = i % 2 === 0 ? 17 : 33;
    const lut = identityLut(size);
    const gain = 0.6 + (0.4 * i) / COUNT;
    const data = lut.data.map((v, j) => (j % 3 === i % 3 ? v * gain : Math.min(1, v * (2 - gain))));
    const name = `${WORDS[i % WORDS.length]} ${WORDS[(i * 7 + 3) % WORDS.length]} ${i}`;
    writeFileSync(path.join(LOOKS, `${name.replaceAll(' ', '-')}.cube`), writeCube({ ...lut, data }, { title: name }));
  }
}

/** Times `work` RUNS times after one untimed warm-up (which prepares the statement). */
function timeMs(work: () => unknown): number[] {
  work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  generateLooks();
  const files = readdirSync(LOOKS).map((f) => path.join(LOOKS, f));

  let started = performance.now();
  for (const file of files) await readLutFile(file);
  const readersSeconds = (performance.now() - started) / 1000;

  rmSync(LIBRARY, { recursive: true, force: true });
  const library = openLibrary(LIBRARY);
  started = performance.now();
  const report = await importPaths(library, [LOOKS]);
  const importSeconds = (performance.now() - started) / 1000;
  if (report.imported.length !== COUNT) throw new Error(`imported ${report.imported.length} of ${COUNT}: ${report.failed[0]?.error}`);

  // Give the catalogue the shape of a used library: tags, favourites, ratings.
  const presets = listPresets(library);
  presets.forEach((p, i) => {
    addTags(library, p.id, [WORDS[i % WORDS.length], WORDS[(i * 3 + 1) % WORDS.length]]);
    if (i % 10 === 0) setFavourite(library, p.id, true);
    setRating(library, p.id, i % 6);
  });

  const filtered = timeMs(() => listPresets(library, { tag: 'film', minRating: 2, sort: 'rating', descending: true }));
  const favourites = timeMs(() => listPresets(library, { favourite: true, kind: 'lut', sort: 'modified' }));
  const everything = timeMs(() => listPresets(library));
  const search = timeMs(() => listPresets(library, { text: 'portrait nig' }));
  // Inside words (the trigram index) and a short word (the word index): "ortrai" is in "portrait".
  const inside = timeMs(() => listPresets(library, { text: 'ortrai' }));
  const short = timeMs(() => listPresets(library, { text: 'po' }));
  const counts = {
    inside: listPresets(library, { text: 'ortrai' }).length,
    short: listPresets(library, { text: 'po' }).length,
    filtered: listPresets(library, { tag: 'film', minRating: 2 }).length,
    search: listPresets(library, { text: 'portrait nig' }).length,
  };
  library.close();

  console.log(`bench:library — ${COUNT} .cube files (${COUNT / 2} at 17³, ${COUNT / 2} at 33³), ${RUNS} runs per query`);
  console.log(`readers alone            ${readersSeconds.toFixed(2)} s  (${(COUNT / readersSeconds).toFixed(0)} files/s)`);
  console.log(
    `library import           ${importSeconds.toFixed(2)} s  (${(COUNT / importSeconds).toFixed(0)} files/s, with hashing, blob store, catalogue and ${report.learnJob === undefined ? 'no' : 'one'} queued learn job)`,
  );
  console.log(`ratio import/readers     ${(importSeconds / readersSeconds).toFixed(2)}`);
  console.log(
    `filtered list            median ${median(filtered).toFixed(2)} ms, max ${Math.max(...filtered).toFixed(2)} ms  (tag + rating + sort: ${counts.filtered} presets; target < 50 ms)`,
  );
  console.log(`favourites list          median ${median(favourites).toFixed(2)} ms, max ${Math.max(...favourites).toFixed(2)} ms`);
  console.log(`list everything          median ${median(everything).toFixed(2)} ms, max ${Math.max(...everything).toFixed(2)} ms  (${COUNT} presets)`);
  console.log(
    `full-text search         median ${median(search).toFixed(2)} ms, max ${Math.max(...search).toFixed(2)} ms  ("portrait nig": ${counts.search} presets; target < 50 ms)`,
  );
  console.log(
    `search inside words      median ${median(inside).toFixed(2)} ms, max ${Math.max(...inside).toFixed(2)} ms  ("ortrai": ${counts.inside} presets; target < 50 ms)`,
  );
  console.log(`search a 2-letter start  median ${median(short).toFixed(2)} ms, max ${Math.max(...short).toFixed(2)} ms  ("po": ${counts.short} presets)`);
}

await main();
