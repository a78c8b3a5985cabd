/**
 * The host: the contract's handlers bound to one open library. The Electron shell runs it
 * in the host process, the browser bridge in its own process, the benchmarks in-process;
 * all of them call `host.call(channel, request)`, which validates and never throws.
 */
import { existsSync } from 'node:fs';
import { appPackage } from '../core/package-info.js';
import os from 'node:os';
import path from 'node:path';
import { getJob } from '../core/library/jobs.js';
import type { RunJobsOptions } from '../core/library/job-runner.js';
import { DATABASE_NAME, openLibrary } from '../core/library/library.js';
import { installSamples, samplePhotoPath } from '../core/library/samples.js';
import type { EventName, Events, Result } from '../contract/contract.js';
import type { HandlerMap } from './dispatch.js';
import { dispatch } from './dispatch.js';
import { fileHandlers } from './handlers/files.js';
import { gradingHandlers } from './handlers/grading.js';
import { jobHandlers, jobSummary } from './handlers/jobs.js';
import { libraryHandlers } from './handlers/library.js';
import { matchHandlers } from './handlers/match.js';
import { sweepAbandonedUploads } from './upload-staging.js';
import { previewHandlers } from './handlers/preview.js';
import type { HostContext } from './context.js';
import type { JobThreadMessage } from './job-thread.js';
import { JobThread } from './job-thread.js';
import { PathGrants } from './path-grants.js';
import { SettingsStore } from './settings-store.js';

export interface HostOptions {
  readonly libraryDir: string;
  /** Where settings persist (outside the library: one setting is the library's location). */
  readonly settingsFile: string;
  readonly shell: 'electron' | 'browser';
  /** Folders the renderer may name from the start (the bridge's --allow); dialogs add more. */
  readonly allowedRoots: readonly string[];
  readonly emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Add the bundled sample presets when the library is new (default true). */
  readonly samples?: boolean;
  /** The photo previews are of until the user opens one (default: the bundled sample photo; null: none). */
  readonly samplePhoto?: string | null;
  /** Run queued fits and imports in the background (default true). */
  readonly backgroundJobs?: boolean;
  /** Overrides for background fits (tests use few steps). */
  readonly fit?: RunJobsOptions['fit'];
  /** Overrides for background learn jobs (tests learn from fewer colours). */
  readonly learn?: RunJobsOptions['learn'];
}

export interface Host {
  call(channel: string, request: unknown): Promise<Result<unknown>>;
  /** Paths the user chose in a dialog or dropped: later calls may name them. */
  grant(paths: readonly string[]): void;
  close(): Promise<void>;
}

export async function createHost(options: HostOptions): Promise<Host> {
  const isNew = !existsSync(path.join(path.resolve(options.libraryDir), DATABASE_NAME));
  const library = openLibrary(options.libraryDir);
  // Uploads a crashed host left staged; nothing depends on it finishing.
  void sweepAbandonedUploads().catch(() => undefined);
  if (isNew && options.samples !== false) await installSamples(library);
  const ctx: HostContext = {
    library,
    grants: new PathGrants(options.allowedRoots),
    settings: new SettingsStore(options.settingsFile, library.dir),
    emit: options.emit,
    shell: options.shell,
  };

  let backend: string | null = null;
  const onJobMessage = (message: JobThreadMessage) => {
    if (message.type === 'error' || message.type === 'stopped') return;
    const jobId = message.type === 'started' ? message.job.id : message.jobId;
    const loss = message.type === 'progress' ? message.loss : undefined;
    if (message.type === 'progress' && message.backend) backend = message.backend;
    const job = getJob(library, jobId);
    ctx.emit('jobs.changed', { job: jobSummary(ctx, job), ...(loss ? { loss } : {}) });
    // A learn job saves each look as it goes: the library changed even if it failed or was cancelled.
    if (message.type === 'finished' && job.kind === 'learn') ctx.emit('library.changed', { reason: 'learn' });
    else if (message.type === 'finished' && message.state === 'done') ctx.emit('library.changed', { reason: 'fit' });
  };
  const jobThread =
    options.backgroundJobs === false ? undefined : new JobThread({ libraryDir: library.dir, fit: options.fit, learn: options.learn }, onJobMessage);
  const wake = () => jobThread?.wake();

  const grading = gradingHandlers(ctx);
  const preview = previewHandlers(ctx, options.samplePhoto === undefined ? samplePhotoPath() : options.samplePhoto);
  const handlers: HandlerMap = {
    'app.info': () => ({ version: appPackage().version, shell: ctx.shell, libraryDir: library.dir, cores: os.availableParallelism(), backend }),
    'settings.get': () => ctx.settings.get(),
    // The library location is a path like any other a page names: the user must have chosen it
    // (a dialog, the file browser, a drop), or a page could point the app at /etc.
    'settings.set': (patch) =>
      ctx.settings.set(
        patch.libraryDir === undefined || patch.libraryDir === ctx.settings.get().libraryDir
          ? patch
          : { ...patch, libraryDir: ctx.grants.check(patch.libraryDir, 'library location') },
      ),
    ...libraryHandlers(ctx, wake),
    ...matchHandlers(ctx),
    ...jobHandlers(ctx, wake),
    ...grading.handlers,
    ...preview.handlers,
    ...fileHandlers(ctx),
  };

  let closed = false;
  return {
    call: (channel, request) =>
      closed ? Promise.resolve({ ok: false, error: { code: 'unavailable', message: 'NILUT Studio is shutting down' } }) : dispatch(handlers, channel, request),
    grant: (paths) => ctx.grants.grant(paths),
    async close() {
      if (closed) return;
      closed = true;
      await grading.stopAll();
      await jobThread?.stop();
      preview.close();
      library.close();
    },
  };
}
