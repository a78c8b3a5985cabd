/**
 * electron-builder.yml, read and validated by electron-builder's own loader and schema (no
 * packaging: that needs Electron downloaded), and checked against the files it names.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { samplePhotoPath } from '../../main/core/library/samples.js';

const projectDir = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: ({ filter: string[] } | string)[];
  asarUnpack: string[];
  npmRebuild: boolean;
  icon: string;
  directories: { output: string; buildResources: string };
  linux: { target: string[]; category: string; maintainer: string; icon: string };
  mac: { target: string[]; category: string; icon: string };
  win: { target: string[]; icon: string };
}

async function loadConfig(): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(projectDir, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(loadConfig()).resolves.toBeTruthy();
  });

  it('names the app and its targets', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('NILUT Studio');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Graphics');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.category).toBe('public.app-category.photography');
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs what the app runs: the build, resources and package.json', async () => {
    const config = await loadConfig();
    // electron-builder's loader turns the list into one file set.
    const patterns = config.files.flatMap((set) => (typeof set === 'string' ? [set] : set.filter));
    expect(patterns).toEqual(expect.arrayContaining(['dist/**/*', 'resources/**/*', 'package.json']));
    expect(patterns).not.toContain('node_modules/**/*');
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron/main/app.js');
    expect(existsSync(path.join(projectDir, 'main/electron/main/app.ts'))).toBe(true);
  });

  it('unpacks every native module from the asar, and each one is installed', async () => {
    const config = await loadConfig();
    for (const module of ['sharp', '@img', 'better-sqlite3', '@tensorflow/tfjs-node']) {
      expect(config.asarUnpack).toContain(`node_modules/${module}/**/*`);
    }
    for (const module of ['sharp', '@img', 'better-sqlite3']) expect(existsSync(path.join(projectDir, 'node_modules', module))).toBe(true);
    expect(config.npmRebuild).toBe(true);
  });

  it('points at icons that exist and are big enough for every platform', async () => {
    const config = await loadConfig();
    for (const icon of [config.icon, config.mac.icon, config.win.icon]) {
      const meta = await sharp(path.join(projectDir, icon)).metadata();
      expect([meta.width, meta.height]).toEqual([1024, 1024]);
    }
    const linuxIcons = readdirSync(path.join(projectDir, config.linux.icon));
    expect(linuxIcons).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png']));
    for (const name of linuxIcons) {
      const size = Number(name.split('x')[0]);
      const meta = await sharp(path.join(projectDir, config.linux.icon, name)).metadata();
      expect([meta.width, meta.height]).toEqual([size, size]);
    }
    expect(existsSync(path.join(projectDir, config.directories.buildResources))).toBe(true);
  });

  it('ships the first-run samples and the sample photo inside the packed resources', () => {
    expect(existsSync(path.join(projectDir, 'resources/samples/LUT01.cube'))).toBe(true);
    const photo = path.relative(projectDir, samplePhotoPath());
    expect(photo).toBe(path.join('resources', 'samples', 'photos', 'kodim12.png'));
    expect(existsSync(path.join(projectDir, photo))).toBe(true);
  });
});

describe('package.json scripts for the desktop app', () => {
  const scripts = (JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('start builds, prepares the Electron copy of better-sqlite3, then launches Electron', () => {
    expect(scripts.start).toMatch(/^npm run build && node --import tsx scripts\/electron-native\.js && electron \.$/);
  });

  it('dist builds and packages, then restores the Node build of better-sqlite3', () => {
    for (const name of ['dist', 'dist:linux', 'dist:mac', 'dist:win']) {
      expect(scripts[name]).toMatch(/^npm run build && electron-builder\b/);
      expect(scripts[name]).toMatch(/npm rebuild better-sqlite3$/);
    }
  });
});
