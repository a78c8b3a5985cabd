/**
 * The settings form's draft, kept outside the settings view: leaving the view with changes not
 * saved keeps them (the view and the Settings item in the navigation say so) until the person
 * saves or discards them, rather than dropping them without a word.
 */
import type { Request, Settings } from '../../main/contract/contract.js';

export type SettingsForm = { -readonly [K in keyof Settings]: Settings[K] };

/** What saving `form` over `saved` would change: only the fields that differ. */
export function settingsPatch(form: SettingsForm, saved: Settings): Request<'settings.set'> {
  const patch: Request<'settings.set'> = {};
  if (form.libraryDir !== saved.libraryDir) patch.libraryDir = form.libraryDir;
  if (form.outputFormat !== saved.outputFormat) patch.outputFormat = form.outputFormat;
  if (Number(form.quality) !== saved.quality) patch.quality = Number(form.quality);
  // 'As input' (null) cannot be sent: the contract patches bits with 8 or 16 only.
  if (form.bits !== null && Number(form.bits) !== saved.bits) patch.bits = Number(form.bits) as 8 | 16;
  if (form.nameTemplate !== saved.nameTemplate) patch.nameTemplate = form.nameTemplate;
  if (Number(form.workers) !== saved.workers) patch.workers = Number(form.workers);
  if (Number(form.thumbnailSize) !== saved.thumbnailSize) patch.thumbnailSize = Number(form.thumbnailSize);
  return patch;
}

class SettingsDraft {
  saved = $state.raw<Settings | null>(null);
  form = $state<SettingsForm | null>(null);

  get patch(): Request<'settings.set'> {
    return this.form && this.saved ? settingsPatch(this.form, this.saved) : {};
  }

  get dirty(): boolean {
    return Object.keys(this.patch).length > 0;
  }

  /** Settings as main has them: the form follows unless it holds changes of its own. */
  loaded(settings: Settings): void {
    const keep = this.dirty;
    this.saved = settings;
    if (!keep) this.form = { ...settings };
  }

  discard(): void {
    if (this.saved) this.form = { ...this.saved };
  }
}

export const settingsDraft = new SettingsDraft();
