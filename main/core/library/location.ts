/**
 * Where a library lives by default: a "library" folder in the desktop app's user-data folder
 * (Electron's app.getPath('userData') for the product name "NILUT Studio"), so the CLI and the
 * app share one library unless told otherwise.
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'NILUT Studio';

export function userDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), PRODUCT_NAME);
}

/** --library, else NILUT_LIBRARY, else the app's user-data folder. */
export function defaultLibraryDir(explicit?: string, env = process.env): string {
  return path.resolve(explicit ?? env.NILUT_LIBRARY ?? path.join(userDataDir(process.platform, env), 'library'));
}
