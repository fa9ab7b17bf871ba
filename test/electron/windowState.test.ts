// Window size, position and maximised state, remembered per arrangement of
// displays, through a real JSON file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJsonFile, writeJsonFile } from '../../electron/shell/jsonFile';
import { arrangementKey, defaultPlace, MAX_ARRANGEMENTS, recordPlace, restorePlace, titleBarVisible, type DisplayArea } from '../../electron/shell/windowState';

vi.mock('electron', () => ({}));

const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayArea = { id: 2, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const now = new Date('2026-12-07T10:00:00Z');
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('window state', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restorePlace(null, [laptop])).toEqual({ bounds: { x: 80, y: 63, width: 1280, height: 800 }, maximized: false });
    expect(defaultPlace([{ id: 3, workArea: { x: 0, y: 0, width: 1024, height: 700 } }]).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });

  it('survives a restart through the file, per arrangement of displays', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-win-'));
    temps.push(dir);
    const file = path.join(dir, 'window-state.json');
    const docked = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: true };
    const alone = { bounds: { x: 10, y: 40, width: 1100, height: 700 }, maximized: false };
    writeJsonFile(file, recordPlace(readJsonFile(file), [laptop, monitor], docked, now));
    writeJsonFile(file, recordPlace(readJsonFile(file), [laptop], alone, now));
    expect(restorePlace(readJsonFile(file), [monitor, laptop])).toEqual(docked); // order of displays does not matter
    expect(restorePlace(readJsonFile(file), [laptop])).toEqual(alone);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']); // no temporary file left
  });

  it('drops a place whose title bar is on no display (monitor unplugged)', () => {
    const saved = recordPlace(null, [laptop], { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: false }, now);
    expect(titleBarVisible({ x: 1600, y: 100, width: 1200, height: 800 }, [laptop])).toBe(false);
    expect(restorePlace(saved, [laptop])).toEqual(defaultPlace([laptop]));
    expect(titleBarVisible({ x: -1100, y: 30, width: 1200, height: 800 }, [laptop])).toBe(false);
    expect(titleBarVisible({ x: -1000, y: 30, width: 1200, height: 800 }, [laptop])).toBe(true);
  });

  it('ignores a damaged file and keeps sizes above the minimum', () => {
    expect(restorePlace({ version: 9 }, [laptop])).toEqual(defaultPlace([laptop]));
    expect(restorePlace('garbage', [laptop])).toEqual(defaultPlace([laptop]));
    const tiny = recordPlace(null, [laptop], { bounds: { x: 0, y: 30, width: 200, height: 100 }, maximized: false }, now);
    expect(restorePlace(tiny, [laptop]).bounds).toEqual({ x: 0, y: 30, width: 960, height: 600 });
    const nan = { version: 1, arrangements: { [arrangementKey([laptop])]: { bounds: { x: 'a' }, maximized: true } } };
    expect(restorePlace(nan, [laptop])).toEqual(defaultPlace([laptop]));
  });

  it('remembers a bounded number of arrangements, newest kept', () => {
    let file: unknown = null;
    for (let i = 0; i < MAX_ARRANGEMENTS + 3; i++) {
      const d: DisplayArea = { id: 100 + i, workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
      file = recordPlace(file, [d], { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: false }, new Date(now.getTime() + i * 1000));
    }
    const keys = Object.keys((file as { arrangements: object }).arrangements);
    expect(keys).toHaveLength(MAX_ARRANGEMENTS);
    expect(keys).toContain(arrangementKey([{ id: 100 + MAX_ARRANGEMENTS + 2, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]));
    expect(keys).not.toContain(arrangementKey([{ id: 100, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]));
  });
});
