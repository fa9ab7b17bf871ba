// Builds on imported NetBox GPU servers: the PSU-bay and GPU-count rules pass
// when the parts fit, fail on the file's own figures when they do not, and say
// "not checked" where the file gives no figure (never a false error).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { importNetbox } from '#core/catalog/netbox';
import type { CatalogPart } from '#core/catalog/part';
import { parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';
import { checkBuild } from '#core/check/checkBuild';

const FIXTURES = path.join(__dirname, '../../fixtures/netbox');
const EXAMPLE = path.join(__dirname, '../../../assets/examples/sys-4028gr-x10drg.json');
const PSU = 'psu.supermicro.pws-2k05a-1r';
const RULE_CODES = ['power.psu-bays', 'power.psu-bays-unknown', 'chassis.too-many-gpus', 'chassis.gpu-count-unknown'];

function imported(file: string): CatalogPart {
  const r = importNetbox(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { idFor: () => 'user.chassis.imported', fileName: file });
  if (!r.ok || !r.part) throw new Error(JSON.stringify(r.issues));
  return r.part;
}

/** The seed example (8 GPUs on an X10DRG-O-PCIE) moved into the imported chassis, with `gpus` GPUs and `psus` PSUs. */
function buildIn(partId: string, gpus: number, psus: number): Build {
  const parsed = parseBuildText(fs.readFileSync(EXAMPLE, 'utf8'));
  if (!parsed.ok) throw new Error('example build does not parse');
  const build = structuredClone(parsed.build);
  const c = build.racks[0]!.chassis[0]!;
  c.partId = partId;
  const cards = c.devices.filter((d) => d.partId.startsWith('gpu.'));
  c.devices = [...cards.slice(0, gpus), ...c.devices.filter((d) => !d.partId.startsWith('gpu.'))];
  c.psus = [{ partId: PSU, count: psus }];
  return build;
}

function ruleFindings(part: CatalogPart, gpus: number, psus: number) {
  const result = checkBuild(buildIn(part.id, gpus, psus), [...builtinParts, part], { mainsVolts: 230, circuitAmps: 16 });
  return result.findings.filter((f) => RULE_CODES.includes(f.code)).map((f) => ({ code: f.code, severity: f.severity, message: f.message }));
}

describe('builds on imported GPU servers', () => {
  it('AS-8125GS-TNMR2: 8 GPUs and 8 PSUs fit its 8 GPU positions and 8 PSU bays; a 9th PSU is an error in its own figures', () => {
    const part = imported('AS-8125GS-TNMR2.yml');
    expect(ruleFindings(part, 8, 8)).toEqual([]);
    expect(ruleFindings(part, 8, 9)).toEqual([{ code: 'power.psu-bays', severity: 'error', message: '9 PSUs placed; the AS-8125GS-TNMR2 has 8 PSU bays.' }]);
  });

  it('G292-Z46: 4 GPUs in the 4 positions its file names pass; 5 are refused on that figure', () => {
    const part = imported('gigabyte-g292-z46.yml');
    expect(ruleFindings(part, 4, 2)).toEqual([]);
    expect(ruleFindings(part, 5, 2).map((f) => f.code)).toEqual(['chassis.too-many-gpus']);
  });

  it.each([
    ['SYS-4029GP-TRT.yaml', 4],
    ['SYS-421GE-TNRT.yaml', 4],
    ['AS-4125GS-TNRT.yml', 4],
    ['PowerEdge-R750xa.yaml', 2],
    ['ProLiant-DL380-Gen10.yaml', 2],
    ['PowerEdge-R740.yaml', 2],
  ])('%s (PSU bays known, GPU positions not in the file): 8 GPUs are "not checked", never refused', (file, bays) => {
    const part = imported(file);
    const findings = ruleFindings(part, 8, bays);
    expect(findings).toEqual([
      {
        code: 'chassis.gpu-count-unknown',
        severity: 'info',
        message: `8 GPUs placed; how many GPUs the ${part.model} holds is not known, so the GPU count is not checked.`,
      },
    ]);
    expect(ruleFindings(part, 8, bays + 1).map((f) => f.code)).toEqual(['power.psu-bays', 'chassis.gpu-count-unknown']);
  });

  it('a file with no PSUs listed: the PSU count is "not checked", not "has 0 PSU bays"', () => {
    const r = importNetbox('manufacturer: Acme\nmodel: GPU Box\nu_height: 4\nmodule-bays:\n  - name: GPU 1\n  - name: GPU 2\n', {
      idFor: () => 'user.chassis.gpu-box',
    });
    const part = r.part!;
    expect(part.specs).toMatchObject({ psuBays: null, gpu: { maxCards: 2 } });
    expect(ruleFindings(part, 2, 2)).toEqual([
      {
        code: 'power.psu-bays-unknown',
        severity: 'info',
        message: '2 PSUs placed; the number of PSU bays of the GPU Box is not known, so the PSU count is not checked.',
      },
    ]);
  });
});
