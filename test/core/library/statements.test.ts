/**
 * Statements are prepared once per connection (better-sqlite3's advice: prepare once, reuse,
 * also inside db.transaction). Counted with better-sqlite3's own Statement objects, as
 * statements.ts hands them out; test/library-doors.test.ts holds that nothing in main/ prepares
 * anywhere else, so these are all of them.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, listPresets, listTags } from '../../../main/core/library/catalogue.js';
import { importPaths } from '../../../main/core/library/import.js';
import type { JobEvent } from '../../../main/core/library/job-runner.js';
import { runJobNow } from '../../../main/core/library/job-runner.js';
import { claimJob, enqueueJob, finishJob, getJob, listJobs, pendingFitJobsFor, reportJobProgress } from '../../../main/core/library/jobs.js';
import type { Library } from '../../../main/core/library/library.js';
import { addTags, editPreset, removeTags, setRating } from '../../../main/core/library/preset-edits.js';
import { preparedStatements } from '../../../main/core/library/statements.js';
import { useTemporaryLibraries } from '../../support/library.js';
import { fixture } from '../../support/paths.js';

const libraries = useTemporaryLibraries();
const SMALL_LUT = fixture('luts/cube/colour_Colour_Correct.cube');
const GREY_LUT = fixture('luts/cube/generated_grayscale_32.cube');

/** A door's everyday calls on one preset: reads, edits, filtered lists, the job queue. */
function browseAndEdit(library: Library, id: number, round: number): void {
  getPreset(library, id);
  addTags(library, id, [`tag${round}`]);
  setRating(library, id, round % 6);
  editPreset(library, { id, name: `Look ${round}`, favourite: round % 2 === 0, addToCollection: `set${round}` });
  listPresets(library, { tag: `tag${round}`, minRating: 0, sort: 'rating', descending: true });
  listPresets(library, { text: `look ${round}` });
  listTags(library);
  removeTags(library, id, [`tag${round}`]);
  listJobs(library, ['queued', 'running']);
  pendingFitJobsFor(library, id);
}

describe('statements prepared once per connection', () => {
  it('returns the same Statement on every call on one library, and a new one on a reopened library', async () => {
    const first = libraries.open();
    const { imported } = await importPaths(first, [SMALL_LUT], { queueFits: false });
    const id = imported[0].presetId;

    browseAndEdit(first, id, 1);
    const afterOne = preparedStatements(first);
    browseAndEdit(first, id, 2);
    browseAndEdit(first, id, 3);
    const afterThree = preparedStatements(first);
    // Nothing new was prepared, and what is held are the very same objects.
    expect(afterThree.length).toBe(afterOne.length);
    afterThree.forEach((statement, i) => expect(statement).toBe(afterOne[i]));
    expect(afterThree.every((statement) => statement.database === first.db)).toBe(true);
    // Each text was prepared once: no two statements of this connection share their SQL.
    const sources = afterThree.map((statement) => statement.source);
    expect(new Set(sources).size).toBe(sources.length);

    const byId = afterThree.find((statement) => /WHERE p\.id = \?\s*$/.test(statement.source));
    expect(byId).toBeDefined();
    first.close();

    const reopened = libraries.open(first.dir);
    expect(preparedStatements(reopened).some((statement) => statement.source === byId!.source)).toBe(false);
    expect(getPreset(reopened, id).name).toBe('Look 3');
    const again = preparedStatements(reopened).find((statement) => statement.source === byId!.source);
    expect(again).toBeDefined();
    expect(again).not.toBe(byId);
    expect(again!.database).toBe(reopened.db);
  });

  it('a filtered list is prepared once per shape of filter, not once per call', async () => {
    const library = libraries.open();
    await importPaths(library, [SMALL_LUT, GREY_LUT], { queueFits: false });
    listPresets(library, { kind: 'lut', minRating: 1 });
    const count = preparedStatements(library).length;
    listPresets(library, { kind: 'model', minRating: 3 });
    listPresets(library, { kind: 'blend', minRating: 0 });
    expect(preparedStatements(library).length).toBe(count);
    listPresets(library, { kind: 'lut', favourite: true });
    expect(preparedStatements(library).length).toBe(count + 1);
  });

  it('progress reports prepare nothing: not one statement per tick', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [SMALL_LUT], { queueFits: false });
    const id = enqueueJob(library, 'fit', { presetIds: [imported[0].presetId] });
    claimJob(library, id);
    reportJobProgress(library, id, 0, 'first tick');
    const count = preparedStatements(library).length;
    for (let tick = 1; tick <= 200; tick++) expect(reportJobProgress(library, id, tick / 200, `tick ${tick}`)).toBe(false);
    expect(preparedStatements(library).length).toBe(count);
    expect(getJob(library, id)).toMatchObject({ progress: 1, message: 'tick 200' });
    finishJob(library, id, { state: 'cancelled' });
  });

  it('a running fit prepares nothing between its progress events', async () => {
    const library = libraries.open();
    const { imported } = await importPaths(library, [SMALL_LUT], { queueFits: false });
    const id = enqueueJob(library, 'fit', { presetIds: [imported[0].presetId] });
    const counts: number[] = [];
    const ended = await runJobNow(library, id, {
      fit: { steps: 300, poolSize: 20_000, progressEvery: 25 },
      onEvent: (event: JobEvent) => {
        if (event.type === 'progress') counts.push(preparedStatements(library).length);
      },
    });
    expect(ended.state).toBe('done');
    expect(counts.length).toBeGreaterThan(5);
    expect(new Set(counts)).toEqual(new Set([counts[0]]));
  });
});
