import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, NILUT_PAPER_URL, type MenuCommand, type MenuContext } from '../../main/electron/main/menu-template.js';

function context(platform: NodeJS.Platform, isDev = false): MenuContext & { sent: MenuCommand[]; opened: string[] } {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  return { platform, isDev, appName: 'NILUT Studio', send: (c) => sent.push(c), openExternal: (u) => opened.push(u), sent, opened };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function byCommand(template: MenuItemConstructorOptions[], command: MenuCommand): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.id === `command:${command}`);
  if (!item) throw new Error(`no item for ${command}`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as (() => void) | undefined)?.();
}

function roles(template: MenuItemConstructorOptions[]): string[] {
  return items(template).flatMap((i) => (i.role ? [i.role] : []));
}

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label === label);
  return Array.isArray(menu?.submenu) ? menu.submenu : [];
}

describe('menuTemplate', () => {
  it.each([
    ['import', 'Import presets…', 'CmdOrCtrl+I'],
    ['open-photo', 'Open photo…', 'CmdOrCtrl+O'],
    ['grade', 'Grade folder…', 'CmdOrCtrl+G'],
    ['settings', undefined, 'CmdOrCtrl+,'],
    ['find', 'Find…', 'CmdOrCtrl+F'],
    ['toggle-before-after', 'Before / After', '\\'],
  ] as const)('maps %s to its accelerator and sends it as a menu command', (command, label, accelerator) => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const ctx = context(platform);
      const item = byCommand(menuTemplate(ctx), command);
      expect(item.accelerator).toBe(accelerator);
      if (label) expect(item.label).toBe(label);
      click(item);
      expect(ctx.sent).toEqual([command]);
    }
  });

  it('puts import, open and grade in File', () => {
    const file = submenuOf(menuTemplate(context('linux')), 'File');
    expect(file.slice(0, 3).map((i) => i.id)).toEqual(['command:import', 'command:open-photo', 'command:grade']);
  });

  it('shows Before/After\'s key without registering it, so typing "\\" in a field is not stolen', () => {
    expect(byCommand(menuTemplate(context('linux')), 'toggle-before-after').registerAccelerator).toBe(false);
    for (const command of ['import', 'open-photo', 'grade', 'settings', 'find'] as const) {
      expect(byCommand(menuTemplate(context('linux')), command).registerAccelerator).toBeUndefined();
    }
  });

  it('on Windows and Linux: File ends with Settings and Quit (Ctrl+Q); no app menu', () => {
    const template = menuTemplate(context('win32'));
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    const file = submenuOf(template, 'File');
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    expect(file.some((i) => i.id === 'command:settings')).toBe(true);
  });

  it('on macOS: an app menu with About, Settings…, Services, Hide and Quit; File closes the window', () => {
    const template = menuTemplate(context('darwin'));
    expect(template[0].label).toBe('NILUT Studio');
    const app = Array.isArray(template[0].submenu) ? template[0].submenu : [];
    expect(app.map((i) => i.role ?? i.id ?? i.type).filter((x) => x !== 'separator')).toEqual([
      'about',
      'command:settings',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(byCommand(template, 'settings').label).toBe('Settings…');
    const file = submenuOf(template, 'File');
    expect(file.at(-1)?.role).toBe('close');
    expect(file.some((i) => i.role === 'quit' || i.id === 'command:settings')).toBe(false);
  });

  it('has the edit roles on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const edit = submenuOf(menuTemplate(context(platform)), 'Edit').flatMap((i) => (i.role ? [i.role] : []));
      expect(edit).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']));
    }
  });

  it('has zoom and full screen, and reload and developer tools only in development', () => {
    const release = roles(menuTemplate(context('linux', false)));
    expect(release).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    expect(release).not.toContain('reload');
    expect(release).not.toContain('forceReload');
    expect(release).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(context('linux', true)))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
  });

  it('has a Window menu and a Help menu that opens the NILUT paper', () => {
    const ctx = context('linux');
    const template = menuTemplate(ctx);
    expect(template.some((m) => m.role === 'windowMenu')).toBe(true);
    const help = template.find((m) => m.role === 'help');
    const paper = (Array.isArray(help?.submenu) ? help.submenu : []).find((i) => i.label === 'The NILUT paper');
    click(paper!);
    expect(ctx.opened).toEqual([NILUT_PAPER_URL]);
  });

  it('gives every accelerator to one item only', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = items(menuTemplate(context(platform))).flatMap((i) => (i.accelerator ? [String(i.accelerator)] : []));
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });

  it('builds without touching Electron (a pure function)', () => {
    const send = vi.fn();
    menuTemplate({ platform: 'linux', isDev: true, appName: 'X', send, openExternal: vi.fn() });
    expect(send).not.toHaveBeenCalled();
  });
});
