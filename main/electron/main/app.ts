/**
 * The desktop app's entry (package.json "main"): one instance, one window, the app://
 * protocol, the menu, and the host process. Everything with logic lives in the files it
 * wires together; this one only orders the steps Electron requires (privileged schemes, app
 * name and paths, sandboxing before 'ready'; the rest after).
 */
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCT_NAME, userDataDir } from '../../core/library/location.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveRenderer } from './app-protocol.js';
import { HostClient } from '../host-process/client.js';
import { hostStartOptions } from '../host-process/start-options.js';
import { forkLibraryProcess } from '../host-process/spawn.js';
import { mainHandlers } from './main-handlers.js';
import { menuTemplate } from './menu-template.js';
import { bindingEnvironment, chooseSqliteBinding } from '../host-process/native-binding.js';
import { fileArguments } from './opened-paths.js';
import { createMainWindow } from './window.js';
import { connectWindowIpc, relayEvent, sendEvent } from './window-ipc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', '..', '..');
const paths = {
  renderer: path.join(dist, 'renderer'),
  preload: path.join(dist, 'preload', 'preload.cjs'),
  hostEntry: path.join(here, '..', 'host-process', 'entry.js'),
  icon: path.join(app.getAppPath(), 'resources', 'icon.png'),
};

// Before 'ready' (and before any await in this module).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.enableSandbox();
app.setName(PRODUCT_NAME);
// The same folder the CLI uses for the default library (main/core/library/location.ts), unless
// this launch names its own with Chromium's --user-data-dir (a test, a second profile).
app.setPath('userData', app.commandLine.getSwitchValue('user-data-dir') || userDataDir());

let window: BrowserWindow | null = null;
let host: HostClient | null = null;
/** Files handed over before the page could hear about them. */
let pendingFiles: string[] = [];
let pageLoaded = false;

function readText(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

function openFiles(files: string[]): void {
  if (files.length === 0) return;
  host?.grant(files);
  if (window && pageLoaded) sendEvent(window, 'files.dropped', { paths: files });
  else pendingFiles.push(...files);
}

function showWindow(): void {
  if (!window || window.isDestroyed()) {
    pageLoaded = false;
    window = createMainWindow(paths.preload, paths.icon);
    window.webContents.on('did-finish-load', () => {
      pageLoaded = true;
      const files = pendingFiles;
      pendingFiles = [];
      openFiles(files);
    });
    window.on('closed', () => (window = null));
    return;
  }
  if (window.isMinimized()) window.restore();
  window.focus();
}

function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, answer) => answer(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}

function startLibraryProcess(): HostClient | null {
  const sqliteVersion = (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version;
  const binding = chooseSqliteBinding({
    electronVersion: process.versions.electron,
    packaged: app.isPackaged,
    projectDir: app.getAppPath(),
    platform: process.platform,
    arch: process.arch,
    sqliteVersion,
    exists: existsSync,
  });
  if (binding.kind === 'missing') {
    dialog.showErrorBox('NILUT Studio cannot open its library', binding.message);
    return null;
  }
  return new HostClient({
    spawn: () => forkLibraryProcess(paths.hostEntry, bindingEnvironment(binding)),
    start: hostStartOptions(app.getPath('userData'), readText),
    onEvent: (name, payload) => relayEvent(window, name, payload),
    onLog: (message) => console.error(message),
  });
}

function installMenu(): void {
  const template = menuTemplate({
    platform: process.platform,
    isDev: !app.isPackaged,
    appName: app.name,
    send: (command) => sendEvent(window, 'menu.command', { command }),
    openExternal: (url) => void shell.openExternal(url),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  await app.whenReady();
  denyPermissions();
  protocol.handle(APP_SCHEME, (request) => serveRenderer(request, paths.renderer));
  host = startLibraryProcess();
  if (!host) return app.quit();
  const client = host;
  connectWindowIpc({
    window: () => window,
    host: client,
    main: mainHandlers({ window: () => window, grant: (p) => client.grant(p), documentsDir: app.getPath('documents') }),
  });
  installMenu();
  showWindow();
  openFiles(fileArguments(process.argv, { packaged: app.isPackaged, cwd: process.cwd(), exists: existsSync }));
}

function closeLibraryOnQuit(): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !host) return;
    // Let the host process finish its transaction and close the database first.
    event.preventDefault();
    void host.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    showWindow();
    openFiles(fileArguments(argv, { packaged: app.isPackaged, cwd: workingDirectory, exists: existsSync }));
  });
  // macOS: files dropped on the Dock icon or opened with the app ("Open with").
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles([file]);
  });
  app.on('activate', () => {
    if (app.isReady() && host) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  closeLibraryOnQuit();
  start().catch((error: unknown) => {
    dialog.showErrorBox('NILUT Studio could not start', error instanceof Error ? error.message : String(error));
    app.quit();
  });
}
