// Opening a build file the OS handed over: read (size-limited), preview
// (builds:import dryRun), ask, import, then show it in the editor and add it
// to the OS's recent documents. A bad file gets the importer's own message,
// which names the line and field; nothing is imported until the person agrees.
import path from 'node:path';
import type { Dialog } from 'electron';
import type { Handlers } from '#core/api/contract';
import { toApiError } from '#host/dispatch';
import { importPreviewText, MAX_BUILD_FILE_BYTES } from './buildFiles';

export interface OpenBuildFileDeps {
  handlers: Pick<Handlers, 'builds:import'>;
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>;
  readFile: (file: string) => Promise<string>;
  fileSize: (file: string) => Promise<number>;
  /** Shows build `id` in the window (the editor route). */
  showBuild: (id: number) => void;
  addRecentDocument: (file: string) => void;
}

export type OpenBuildFileResult = { imported: true; id: number } | { imported: false; why: 'declined' | 'error' };

export async function openBuildFile(file: string, deps: OpenBuildFileDeps): Promise<OpenBuildFileResult> {
  const name = path.basename(file);
  const fail = (message: string): OpenBuildFileResult => {
    deps.dialog.showErrorBox(`Could not open ${name}`, message);
    return { imported: false, why: 'error' };
  };
  try {
    const size = await deps.fileSize(file);
    if (size > MAX_BUILD_FILE_BYTES)
      return fail(`${file} is ${Math.round(size / 1024 / 1024)} MB; a build file is at most ${MAX_BUILD_FILE_BYTES / 1024 / 1024} MB.`);
    const text = await deps.readFile(file);
    const ctx = { host: 'electron' as const };
    const dry = await deps.handlers['builds:import']({ text, dryRun: true }, ctx);
    const { message, detail } = importPreviewText(name, dry.preview);
    const { response } = await deps.dialog.showMessageBox({
      type: 'question',
      buttons: ['Import', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
      title: 'Import build',
      message,
      detail,
    });
    if (response !== 0) return { imported: false, why: 'declined' };
    const done = await deps.handlers['builds:import']({ text, dryRun: false }, ctx);
    if (done.id === null) return fail('The build was not imported.');
    deps.addRecentDocument(file);
    deps.showBuild(done.id);
    return { imported: true, id: done.id };
  } catch (err) {
    const e = toApiError(err);
    const first = e.issues?.[0];
    return fail(first ? `${e.message}\n${first.path}: ${first.message}` : e.message);
  }
}
