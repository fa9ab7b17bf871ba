// The streamed inventory export: to the file the person chooses (desktop app)
// or as a one-time download link (browser host). Either way the CSV is made a
// chunk at a time from a read connection of its own (db/…/exportCsv.ts), so
// memory stays flat and other requests are answered meanwhile.
import type { Handlers } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { inventoryFileName } from '#core/csv/export';
import { inventoryCsvStream, writeInventoryCsv } from '#db/repositories/inventory/exportCsv';
import type { HandlerDeps } from './deps';
import path from 'node:path';

export function inventoryExportHandlers(deps: HandlerDeps): Pick<Handlers, 'inventory:exportCsvStream'> {
  return {
    'inventory:exportCsvStream': async ({ today }) => {
      const fileName = inventoryFileName(today ?? deps.now().toISOString().slice(0, 10));
      if (deps.saveFileAs) {
        const chosen = await deps.saveFileAs(fileName);
        if (!chosen) return { via: 'cancelled' as const };
        try {
          const { count, bytes } = await writeInventoryCsv(deps.databasePath, chosen);
          return { via: 'file' as const, path: chosen, fileName: path.basename(chosen), count, bytes };
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'EACCES' || code === 'EPERM') throw new ApiFailure('READ_ONLY', `Cannot write ${chosen}: permission denied. Choose another folder.`);
          if (code === 'ENOSPC')
            throw new ApiFailure('DISK_FULL', `The disk holding ${chosen} is full. Free some space or choose another disk; nothing was written.`);
          throw err;
        }
      }
      if (deps.downloads) return { via: 'download' as const, url: deps.downloads.issue(fileName, () => inventoryCsvStream(deps.databasePath)), fileName };
      throw new ApiFailure('CONFLICT', 'This host cannot stream files; use inventory:exportCsv.');
    },
  };
}
