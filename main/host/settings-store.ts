/**
 * The app's settings, persisted as JSON beside the app's data (not inside the library, since
 * one setting is where the library lives). Written atomically; an unreadable file is set
 * aside rather than silently replaced, so a hand-edited file is never lost.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../core/atomic-write.js';
import { FORMAT_CHOICES } from '../common/formats/photo-formats.js';
import { DEFAULT_FORMAT_CHOICE, DEFAULT_NAME_TEMPLATE, DEFAULT_QUALITY } from '../common/grade-defaults.js';
import type { Settings } from '../contract/contract.js';
import { ExportPresetSchema } from '../contract/schemas.js';

const StoredSettings = z
  .object({
    libraryDir: z.string().min(1),
    outputFormat: z.enum(FORMAT_CHOICES),
    quality: z.number().int().min(1).max(100),
    bits: z.union([z.literal(8), z.literal(16), z.null()]),
    nameTemplate: z.string().min(1),
    workers: z.number().int().min(1).max(64),
    thumbnailSize: z.number().int().min(64).max(1024),
    exportPresets: z.array(ExportPresetSchema),
  })
  .partial();

export function defaultSettings(libraryDir: string): Settings {
  return {
    libraryDir,
    outputFormat: DEFAULT_FORMAT_CHOICE,
    quality: DEFAULT_QUALITY,
    bits: null,
    nameTemplate: DEFAULT_NAME_TEMPLATE,
    workers: Math.max(1, os.availableParallelism()),
    thumbnailSize: 256,
    exportPresets: [],
  };
}

export class SettingsStore {
  private current: Settings;

  constructor(
    readonly file: string,
    libraryDir: string,
  ) {
    this.current = { ...defaultSettings(libraryDir), ...this.readStored() };
  }

  private readStored(): Partial<Settings> {
    if (!existsSync(this.file)) return {};
    try {
      return StoredSettings.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // Keep the user's file for them to look at; start from defaults.
      renameSync(this.file, `${this.file}.unreadable-${Date.now()}`);
      return {};
    }
  }

  get(): Settings {
    return this.current;
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...this.current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Settings;
    mkdirSync(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    return next;
  }
}
