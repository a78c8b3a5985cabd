/**
 * The one window: built from windowOptions, loaded from app://, shown once painted, and kept
 * on our page: navigation elsewhere, redirects, new windows and <webview> are refused.
 */
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol.js';
import { windowOptions } from './window-options.js';

function keepOnOurPage(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function createMainWindow(preloadPath: string, iconPath: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath, iconPath));
  keepOnOurPage(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
