// What a person sees when the data folder cannot be opened at start: one
// native error box naming the problem, then a clean quit.
import { toApiError } from '#host/dispatch';
import { describeAbiMismatch } from '../native/sqliteBinding';

export function describeStartupError(err: unknown): { title: string; message: string } {
  const abi = describeAbiMismatch(err);
  if (abi) return { title: 'Rackhive has no database engine for this Electron', message: abi };
  const { code, message } = toApiError(err);
  switch (code) {
    case 'LOCKED':
      return { title: 'Rackhive is already using this data folder', message };
    case 'DB_NEWER':
      return { title: 'This data was saved by a newer Rackhive', message: `${message}\n\nInstall the newer version; the file was left unchanged.` };
    case 'DB_CORRUPT':
      return { title: 'The Rackhive database is damaged', message };
    case 'DISK_FULL':
    case 'READ_ONLY':
      return { title: 'Rackhive cannot write its data folder', message };
    default:
      return { title: 'Rackhive could not start', message };
  }
}
