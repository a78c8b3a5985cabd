/**
 * The application menu as data: the usual shortcuts, and the items the renderer acts on
 * (import, open, grade, settings, find, before/after) sent as 'menu.command' events. A pure
 * function of the platform so both layouts are tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Events } from '../../contract/contract.js';

export type MenuCommand = Events['menu.command']['command'];

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  /** Development builds add reload and the developer tools. */
  readonly isDev: boolean;
  readonly appName: string;
  send(command: MenuCommand): void;
  openExternal(url: string): void;
}

/** The NILUT paper (Conde et al., AAAI 2024), for Help. */
export const NILUT_PAPER_URL = 'https://arxiv.org/abs/2306.11920';

const separator: MenuItemConstructorOptions = { type: 'separator' };

function command(context: MenuContext, label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions {
  return { id: `command:${name}`, label, accelerator, click: () => context.send(name) };
}

function settingsItem(context: MenuContext): MenuItemConstructorOptions {
  return command(context, context.platform === 'darwin' ? 'Settings…' : 'Settings', 'CmdOrCtrl+,', 'settings');
}

function appMenu(context: MenuContext): MenuItemConstructorOptions {
  return {
    label: context.appName,
    submenu: [
      { role: 'about' },
      separator,
      settingsItem(context),
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };
}

function fileMenu(context: MenuContext): MenuItemConstructorOptions {
  const mac = context.platform === 'darwin';
  const tail: MenuItemConstructorOptions[] = mac
    ? [separator, { role: 'close' }]
    : [separator, settingsItem(context), separator, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' }];
  return {
    label: 'File',
    submenu: [
      command(context, 'Import presets…', 'CmdOrCtrl+I', 'import'),
      command(context, 'Open photo…', 'CmdOrCtrl+O', 'open-photo'),
      command(context, 'Grade folder…', 'CmdOrCtrl+G', 'grade'),
      ...tail,
    ],
  };
}

function editMenu(context: MenuContext): MenuItemConstructorOptions {
  const mac = context.platform === 'darwin';
  return {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };
}

function viewMenu(context: MenuContext): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = context.isDev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator] : [];
  return {
    label: 'View',
    submenu: [
      command(context, 'Find…', 'CmdOrCtrl+F', 'find'),
      // Shown in the menu but not registered: a bare "\" accelerator would also fire while the
      // user types a backslash into a text field (a path, a name), so the renderer handles the
      // key itself when no field has focus.
      { ...command(context, 'Before / After', '\\', 'toggle-before-after'), registerAccelerator: false },
      separator,
      ...dev,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
}

function helpMenu(context: MenuContext): MenuItemConstructorOptions {
  const about: MenuItemConstructorOptions[] = context.platform === 'darwin' ? [] : [{ role: 'about' }, separator];
  return {
    role: 'help',
    submenu: [...about, { label: 'The NILUT paper', click: () => context.openExternal(NILUT_PAPER_URL) }],
  };
}

export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  return [
    ...(context.platform === 'darwin' ? [appMenu(context)] : []),
    fileMenu(context),
    editMenu(context),
    viewMenu(context),
    { role: 'windowMenu' },
    helpMenu(context),
  ];
}
