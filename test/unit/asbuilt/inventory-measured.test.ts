import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { observe } from '#core/asbuilt/observed';
import { verifyBuild } from '#core/asbuilt/verify';
import { boardLayouts } from '#core/asbuilt/layouts';
import { matchInventory } from '#core/asbuilt/inventoryMatch';
import { CALIBRATION_COLUMNS, calibrationCsv, compareToEstimate } from '#core/asbuilt/measured';
import { parseLlamaBench } from '#core/asbuilt/llamaBench';
import { builtinParts } from '#core/catalog/builtin';
import { parseBuildText } from '#core/build/file';
import type { InventoryItem } from '#core/inventory/item';
import { BLANK_ITEM_FIELDS } from '../../helpers/items';

const fx = (f: string) => readFileSync(new URL(`../../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');
const item = (id: string, over: Partial<InventoryItem>): InventoryItem =>
  ({ ...BLANK_ITEM_FIELDS, id, createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z', ...over }) as InventoryItem;

describe('inventory tie-in', () => {
  const parsed = parseBuildText(fx('plan-sys-4028gr-trt.json'));
  if (!parsed.ok) throw new Error('plan');
  const build = structuredClone(parsed.build);
  const devs = build.racks[0]!.chassis[0]!.devices;
  devs[0]!.inventoryItemId = 'item-a';
  devs[1]!.inventoryItemId = 'item-b';
  const smi =
    'index, name, serial, uuid, memory.total [MiB]\n0, Tesla P100-PCIE-12GB, 0324017000001, GPU-aaaa, 12288 MiB\n1, Tesla P100-PCIE-16GB, 0324017000002, GPU-bbbb, 16384 MiB';
  const observed = observe({ topo: fx('sys-4028gr-trt.topo.txt'), smi });
  const v = verifyBuild(build, builtinParts, observed, boardLayouts(builtinParts));
  const items = [
    item('item-a', { partId: 'gpu.nvidia.tesla-p100-pcie-16gb', status: 'received', receivedOn: '2026-11-20', returnDays: 30 }),
    item('item-b', { partId: 'gpu.nvidia.tesla-p100-pcie-16gb', status: 'received', serialNumber: '0324017000002' }),
  ];
  const t = matchInventory(observed, v.matches, build, items, builtinParts, '2026-12-07');

  it('links cards to items by serial, else by where the build places them; offers the serial for empty items', () => {
    expect(t.links).toEqual([
      { observed: 'GPU0', itemId: 'item-a', by: 'placement' },
      { observed: 'GPU1', itemId: 'item-b', by: 'serial' },
    ]);
    expect(t.serialUpdates).toEqual([{ itemId: 'item-a', serialNumber: '0324017000001', observed: 'GPU0' }]);
  });
  it('a 12 GB card sold as 16 GB is an error on the item, with the days left to return it', () => {
    expect(t.findings.map((f) => f.code)).toEqual(['asbuilt.item-vram']);
    expect(t.findings[0]!.message).toBe(
      'Inventory item item-a was listed as Tesla P100 PCIe 16GB (16 GB); the card reports 12 GB. It can still be returned: 13 days left.',
    );
  });
});

describe('measured speed', () => {
  const md =
    '| model | size | params | backend | ngl | test | t/s |\n| --- | ---: | ---: | --- | --: | ---: | ---: |\n| llama 8B Q4_K - Medium | 4.58 GiB | 8.03 B | CUDA | 99 | tg128 | 52.10 ± 0.20 |\n';
  const r = parseLlamaBench(md)[0]!;
  it('exports in the calibration file’s columns, which the shipped file has too', () => {
    const csv = calibrationCsv([
      {
        buildName: 'srv',
        workloadIndex: 0,
        modelId: 'llama-3-8b',
        paramsB: 8.03,
        quant: 'Q4_K_M',
        bitsPerWeight: 4.9,
        gpuModel: 'Tesla P100 16GB',
        gpuCount: 1,
        parallelism: 'none',
        interconnectNote: '',
        batch: 1,
        result: r,
        measuredOn: '2026-12-07',
        sourceUrl: '',
        note: '',
      },
    ]);
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const shipped = readFileSync(new URL('../../../assets/calibration/measured_tps_calibration.csv', import.meta.url), 'utf8')
      .split(/\r?\n/)[0]!
      .split(',');
    expect(rows[0]).toEqual([...CALIBRATION_COLUMNS]);
    expect(rows[0]).toEqual(shipped);
    expect(rows[1]!.slice(2)).toEqual([
      'llama.cpp',
      '2026-12-07',
      'llama-3-8b',
      '8.03',
      'Q4_K_M',
      '4.9',
      'Tesla P100 16GB',
      '1',
      'none',
      '',
      '1',
      '0',
      '128',
      'tg_tps',
      '52.1',
    ]);
  });
  it('compares with the estimate and its band', () => {
    expect(compareToEstimate(52.1, { tps: 40, low: 30, high: 50 })).toEqual({
      measured: 52.1,
      estimate: 40,
      differencePct: expect.closeTo(30.25, 2),
      withinBand: false,
    });
  });
});
