// A .rackhive.json handed over by the OS: preview, ask, import, show, recent
// documents; against the real handler table over a real data folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openAppContext, type AppContext } from '#host/appContext';
import { buildFilesInArgv, importPreviewText } from '../../electron/shell/buildFiles';
import { withShellHooks } from '../../electron/shell/handlerHooks';
import { openBuildFile, type OpenBuildFileDeps } from '../../electron/shell/openBuildFile';
import { cleanupTempDirs, makeTempDir } from '../helpers/db';

vi.mock('electron', () => ({}));

const example = fs.readFileSync(new URL('../../assets/examples/sys-4028gr-x10drg.json', import.meta.url), 'utf8');
const ctx = { host: 'electron' } as const;
let app: AppContext;
let dir: string;

beforeEach(async () => {
  dir = makeTempDir('rackhive-open-');
  app = await openAppContext({ dataDir: path.join(dir, 'data'), host: 'electron' });
});
afterEach(() => {
  app.close();
  cleanupTempDirs();
});

function deps(answer: number) {
  const d = {
    handlers: app.handlers,
    dialog: { showMessageBox: vi.fn(async () => ({ response: answer, checkboxChecked: false })), showErrorBox: vi.fn() },
    readFile: (f: string) => fs.promises.readFile(f, 'utf8'),
    fileSize: async (f: string) => (await fs.promises.stat(f)).size,
    showBuild: vi.fn(),
    addRecentDocument: vi.fn(),
  };
  return d as typeof d & OpenBuildFileDeps;
}
const liveBuilds = async () => (await app.handlers['builds:list']({}, ctx)).builds;

describe('openBuildFile', () => {
  it('previews, imports on "Import", opens the build and adds the file to recent documents', async () => {
    const file = path.join(dir, 'x10drg.rackhive.json');
    fs.writeFileSync(file, example);
    const d = deps(0);
    const result = await openBuildFile(file, d);
    expect(result.imported).toBe(true);
    const [box] = d.dialog.showMessageBox.mock.calls[0] as unknown as [{ message: string; detail: string }];
    expect(box.message).toMatch(/^Import the build “.+” from x10drg\.rackhive\.json\?$/);
    expect(box.detail).toContain('8 GPUs');
    const builds = await liveBuilds();
    expect(builds).toHaveLength(1);
    expect(d.showBuild).toHaveBeenCalledWith(builds[0]!.id);
    expect(d.addRecentDocument).toHaveBeenCalledWith(file);
  });

  it('imports nothing when the person cancels', async () => {
    const file = path.join(dir, 'x10drg.rackhive.json');
    fs.writeFileSync(file, example);
    const d = deps(1);
    expect(await openBuildFile(file, d)).toEqual({ imported: false, why: 'declined' });
    expect(await liveBuilds()).toHaveLength(0);
    expect(d.addRecentDocument).not.toHaveBeenCalled();
  });

  it("a bad file gets the importer's message naming the field, and nothing is imported", async () => {
    const file = path.join(dir, 'broken.rackhive.json');
    fs.writeFileSync(file, example.replace('"positionU": 1', '"positionU": "1"'));
    const d = deps(0);
    expect(await openBuildFile(file, d)).toEqual({ imported: false, why: 'error' });
    const [title, message] = d.dialog.showErrorBox.mock.calls[0] as unknown as [string, string];
    expect(title).toBe('Could not open broken.rackhive.json');
    expect(message).toContain('racks[0].chassis[0].positionU');
    expect(d.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(await liveBuilds()).toHaveLength(0);
  });

  it('finds build files among process arguments', () => {
    expect(
      buildFilesInArgv(['/opt/Rackhive/rackhive', '--no-sandbox', '/home/a/My rig.rackhive.json', '/home/a/notes.json', 'C:\\b\\X.RACKHIVE.JSON']),
    ).toEqual(['/home/a/My rig.rackhive.json', 'C:\\b\\X.RACKHIVE.JSON']);
  });

  it('the preview names parts this catalog does not know', () => {
    const text = importPreviewText('a.rackhive.json', {
      name: 'A',
      racks: 1,
      chassis: 1,
      devices: 2,
      gpus: 1,
      unknownPartIds: ['gpu.x', 'gpu.y'],
      droppedBindings: [{ path: 'racks[0]', itemId: 'i', reason: 'r' }],
      keptBindings: 0,
    });
    expect(text.detail).toBe(
      '1 rack, 1 chassis, 2 devices (1 GPU).\nNot in this catalog (checked as unknown): gpu.x, gpu.y.\n1 inventory link cannot be kept here and become planned parts.',
    );
  });
});

describe('withShellHooks', () => {
  it('applies the saved theme and refreshes Open Recent after builds change (not after a dry run)', async () => {
    const onSettings = vi.fn();
    const onBuildsChanged = vi.fn();
    const hooked = withShellHooks(app.handlers, { onSettings, onBuildsChanged });
    await hooked['settings:update']({ theme: 'dark' }, ctx);
    expect(onSettings).toHaveBeenLastCalledWith(expect.objectContaining({ theme: 'dark' }));
    await hooked['builds:import']({ text: example, dryRun: true }, ctx);
    expect(onBuildsChanged).not.toHaveBeenCalled();
    await hooked['builds:import']({ text: example, dryRun: false }, ctx);
    expect(onBuildsChanged).toHaveBeenCalledTimes(1);
  });
});
