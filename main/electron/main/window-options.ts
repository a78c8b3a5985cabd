/**
 * The main window's options, as a pure function so the security flags are asserted by tests
 * rather than trusted (Electron's security checklist: context isolation, the sandbox, no Node
 * in the renderer, web security on).
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** The renderer's dark background, painted before the first frame so launch does not flash white. */
export const BACKGROUND_COLOUR = '#16181d';

export function windowOptions(preloadPath: string, iconPath?: string, platform: NodeJS.Platform = process.platform): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'NILUT Studio',
    backgroundColor: BACKGROUND_COLOUR,
    // Shown on 'ready-to-show', once the first frame is painted.
    show: false,
    // The window icon on Linux (macOS and Windows take it from the packaged app).
    ...(platform === 'linux' && iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // The preview canvas keeps drawing while the window is behind another (batch progress).
      backgroundThrottling: false,
    },
  };
}
