import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { dataDirFor, defaultDataDir } from '#host/dataDir';

// Must equal Electron's app.getPath('userData') for productName "Rackhive".
describe('dataDirFor', () => {
  const cases: Array<[string, NodeJS.Platform, Record<string, string | undefined>, string, string]> = [
    ['linux default', 'linux', {}, '/home/ada', '/home/ada/.config/Rackhive'],
    ['linux XDG_CONFIG_HOME', 'linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/ada', '/data/cfg/Rackhive'],
    ['linux XDG_CONFIG_HOME with trailing slash', 'linux', { XDG_CONFIG_HOME: '/data/cfg/' }, '/home/ada', '/data/cfg/Rackhive'],
    ['linux empty XDG_CONFIG_HOME is ignored', 'linux', { XDG_CONFIG_HOME: '' }, '/home/ada', '/home/ada/.config/Rackhive'],
    ['freebsd like linux', 'freebsd', {}, '/home/ada', '/home/ada/.config/Rackhive'],
    ['macOS', 'darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ada', '/Users/ada/Library/Application Support/Rackhive'],
    ['windows APPDATA', 'win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Rackhive'],
    ['windows without APPDATA', 'win32', {}, 'C:\\Users\\ada', 'C:\\Users\\ada\\AppData\\Roaming\\Rackhive'],
  ];
  it.each(cases)('%s', (_name, platform, env, home, expected) => {
    expect(dataDirFor(platform, env, home)).toBe(expected);
  });
});

describe('defaultDataDir', () => {
  it('honours RACKHIVE_DATA_DIR, as the Electron main process does', () => {
    expect(defaultDataDir({ RACKHIVE_DATA_DIR: '/tmp/rh' })).toBe('/tmp/rh');
  });
  it('is the platform folder otherwise', () => {
    expect(defaultDataDir({ HOME: '/x' })).toBe(dataDirFor(process.platform, { HOME: '/x' }, os.homedir()));
  });
});
