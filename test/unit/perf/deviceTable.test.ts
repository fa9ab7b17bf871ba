// One device table: the calibration's device names resolve to built-in catalog
// GPUs (the parts the CLI and the app read), each usable by the model, and the
// name a measurement row uses is one the CLI's --gpu also resolves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import type { PartOf } from '#core/catalog/part';
import { matchParts, resolvePart } from '#core/catalog/resolve';
import { deviceFromGpuPart } from '#core/perf/fromCatalog';

type Row = Record<string, string>;
const csv = (name: string): Row[] =>
  Papa.parse<Row>(readFileSync(fileURLToPath(new URL(`../../../assets/calibration/${name}`, import.meta.url)), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;

const deviceRows = csv('gpu_models.csv');
const measuredNames = [...new Set(csv('measured_tps_calibration.csv').map((r) => r.gpu_model!))];
const gpus = builtinParts.filter((p): p is PartOf<'gpu'> => p.category === 'gpu');

describe('calibration device table = the catalog', () => {
  it('every measured device name is listed in gpu_models.csv', () => {
    const listed = new Set(deviceRows.map((r) => r.gpu_model));
    expect(measuredNames.filter((n) => !listed.has(n))).toEqual([]);
  });

  it.each(deviceRows.map((r) => [r.gpu_model!, r.catalog_ids!] as const))('%s → %s is a catalog GPU the model can use', (_name, ids) => {
    for (const id of ids.split('+').map((s) => s.trim())) {
      const part = gpus.find((p) => p.id === id);
      expect(part, `${id} is not a built-in GPU`).toBeDefined();
      const d = deviceFromGpuPart(part!);
      expect(d.ok, d.ok ? '' : d.message).toBe(true);
    }
  });

  it.each(deviceRows.filter((r) => !r.catalog_ids!.includes('+')).map((r) => [r.gpu_model!, r.catalog_ids!] as const))(
    'the CLI name lookup of "%s" finds %s',
    (name, id) => {
      expect(resolvePart(gpus, name, { category: 'gpu' }).id, `--gpu "${name}"`).toBe(id);
      // Without its memory suffix ("RTX 3090 24GB" → "RTX 3090") the name may match siblings (A100 PCIe 40/80 GB), never only another part.
      const short = name.replace(/\s+\d+GB$/i, '');
      expect(
        matchParts(gpus, short, { category: 'gpu' }).map((p) => p.id),
        `--gpu "${short}"`,
      ).toContain(id);
    },
  );
});
