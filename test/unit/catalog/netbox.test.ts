// The NetBox importer on real devicetype-library files (test/fixtures/netbox,
// each named with its upstream path and commit in SOURCES.json), field by field.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importNetbox, chassisFromNetbox, upstreamPathOf, type NetboxImport } from '#core/catalog/netbox';
import { builtinParts } from '#core/catalog/builtin';
import { indentQuotedContinuations } from '#core/catalog/netbox/yaml';
import { plugName } from '#core/catalog/netbox/toPdu';
import type { PartOf } from '#core/catalog/part';

const DIR = path.join(__dirname, '../../fixtures/netbox');
const SOURCES = JSON.parse(fs.readFileSync(path.join(DIR, 'SOURCES.json'), 'utf8')) as {
  file: string;
  repository: string;
  path: string;
  commit: string;
  sha256: string;
}[];

function fixture(file: string): string {
  return fs.readFileSync(path.join(DIR, file), 'utf8');
}

/** Imports a fixture under its upstream path, as a person who downloaded it from the library would. */
function load(file: string, catalog = builtinParts): NetboxImport {
  const src = SOURCES.find((s) => s.file === file)!;
  return importNetbox(fixture(file), {
    idFor: (c, m) =>
      `user.${c}.${m
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}`,
    fileName: `devicetype-library/${src.path}`,
    catalog,
  });
}

function chassis(file: string): PartOf<'chassis'> {
  const r = load(file);
  expect(r.ok, JSON.stringify(r.issues)).toBe(true);
  expect(r.category).toBe('chassis');
  return r.part as PartOf<'chassis'>;
}

const paths = (r: NetboxImport, severity: string) => r.issues.filter((i) => i.severity === severity).map((i) => i.path);

describe('fixtures', () => {
  it('every fixture is the upstream file byte for byte, with its repository path and commit', () => {
    const files = fs
      .readdirSync(DIR)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    expect(SOURCES.map((s) => s.file).sort()).toEqual(files);
    for (const s of SOURCES) {
      expect(s.repository).toBe('netbox-community/devicetype-library');
      expect(s.path).toMatch(new RegExp(`^device-types/[^/]+/${s.file.replace(/[.+]/g, '\\$&')}$`));
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(DIR, s.file)))
          .digest('hex'),
      ).toBe(s.sha256);
    }
  });
});

describe('GPU servers', () => {
  it('Supermicro AS-8125GS-TNMR2: 8 PSU bays from module-bays against 6 power-ports (said), 8 GPU positions, 3000 W a PSU as a hint only', () => {
    const r = load('AS-8125GS-TNMR2.yml');
    const p = chassis('AS-8125GS-TNMR2.yml');
    expect(p).toMatchObject({
      id: 'user.chassis.as-8125gs-tnmr2',
      vendor: 'Supermicro',
      model: 'AS-8125GS-TNMR2',
      aliases: ['supermicro-as-8125gs-tnmr2'],
      builtin: false,
      revision: 1,
      typicalUsedPrice: null,
    });
    expect(p.specs).toEqual({
      formFactor: 'rackmount',
      heightU: 8,
      depthMm: null,
      weightKg: 75.3,
      boardFormFactors: [],
      compatibleBoards: [],
      integratedBoard: null,
      psuBays: 8,
      psusFitted: [],
      psuRedundancy: null,
      gpu: { maxCards: 8, maxCardLengthMm: null, maxCardWidthSlots: null, maxCardHeight: null },
      airflow: 'front-to-rear',
      gpuPowerConnectors: null,
      nodeBays: null,
      pcieSlots: null,
      // Six 3000 W PSUs are not a 18 kW draw: the rating stays a note.
      maxDrawW: null,
      provenance: { verified: false, source: 'device-types/Supermicro/AS-8125GS-TNMR2.yml', note: 'Imported by the user from NetBox.' },
    });
    expect(r.issues.find((i) => i.path === 'module-bays' && i.severity === 'warning')?.message).toMatch(/8 PSU bays in module-bays but 6 power-ports/);
    expect(p.notes).toContain('PSU rating hint: 3,000 W per PSU (maximum_draw of each power port); not added up');
    expect(p.notes).toContain('GPU positions from module-bays: GPU ×8.');
    expect(p.notes).toContain('Other module bays: Motherboard, CPU, Drive ×18, Memory ×24.');
    expect(p.sources).toEqual([
      {
        url: 'https://github.com/netbox-community/devicetype-library/blob/master/device-types/Supermicro/AS-8125GS-TNMR2.yml',
        note: 'NetBox devicetype-library file device-types/Supermicro/AS-8125GS-TNMR2.yml (imported by the user; not checked against the vendor).',
      },
      { url: 'https://www.supermicro.com/en/products/system/datasheet/as-8125gs-tnmr2', note: "Linked from the NetBox file's comments." },
    ]);
  });

  it('Supermicro SYS-421GE-TNRT: PSUs only as module-bays (4), no GPU bay → GPU positions unknown, 13 PCIe slots summarised', () => {
    const r = load('SYS-421GE-TNRT.yaml');
    const p = chassis('SYS-421GE-TNRT.yaml');
    expect(p.model).toBe('SuperServer SYS-421GE-TNRT');
    expect(p.aliases).toEqual(['SYS-421GE-TNRT', 'supermicro-sys-421ge-tnrt']);
    expect(p.specs).toMatchObject({
      heightU: 4,
      weightKg: 29.7,
      psuBays: 4,
      gpu: { maxCards: null },
      airflow: 'front-to-rear',
      nodeBays: null,
      maxDrawW: null,
    });
    expect(p.specs.pcieSlots).toEqual([{ count: 13, width: 16, gen: 5, height: 'full-height' }]);
    expect(p.notes).toContain('Other module bays: AIOM.');
    expect(paths(r, 'info')).toContain('module-bays');
    expect(paths(r, 'error')).toEqual([]);
  });

  it('Supermicro AS-4125GS-TNRT: 4 power-ports without a draw, x16 and x8 FHFL slots, drive bays not counted as slots', () => {
    const p = chassis('AS-4125GS-TNRT.yml');
    expect(p.specs).toMatchObject({ heightU: 4, weightKg: 29.7, psuBays: 4, gpu: { maxCards: null }, nodeBays: null });
    expect(p.specs.pcieSlots).toEqual([
      { count: 9, width: 16, gen: 5, height: 'full-height' },
      { count: 1, width: 8, gen: 5, height: 'full-height' },
    ]);
    expect(p.notes).not.toContain('PSU rating hint');
    expect(p.notes).toContain('Other module bays: USB ×2, NVMe Bay ×4, SATA Bay ×20.');
  });

  it('Gigabyte G292-Z46: GPU positions from descriptions ("for GPU"), PSU bays from module-bays, rating from the bay description', () => {
    const p = chassis('gigabyte-g292-z46.yml');
    expect(p.specs).toMatchObject({
      heightU: 2,
      weightKg: 36.89,
      psuBays: 2,
      gpu: { maxCards: 4, maxCardLengthMm: null, maxCardWidthSlots: null },
      maxDrawW: null,
    });
    expect(p.specs.pcieSlots).toEqual([
      { count: 4, width: 16, gen: 4, height: null },
      { count: 2, width: 16, gen: 4, height: 'low-profile' },
    ]);
    expect(p.notes).toContain('PSU rating hint: 2,200 W per PSU (from the PSU bay descriptions)');
    expect(p.notes).toContain('GPU positions from module-bays: PCI-E ×4.');
  });

  it('Supermicro SYS-4029GP-TRT: a built-in model is said, and a copy keeps none of its names', () => {
    const r = load('SYS-4029GP-TRT.yaml');
    expect(r.ok).toBe(true);
    expect(r.builtin).toEqual({ id: 'chassis.supermicro.sys-4029gp-trt', vendor: 'Supermicro', model: 'SYS-4029GP-TRT' });
    expect(r.part).toMatchObject({ id: 'user.chassis.sys-4029gp-trt-netbox', model: 'SYS-4029GP-TRT (NetBox)', aliases: [] });
    const p = r.part as PartOf<'chassis'>;
    expect(p.specs).toMatchObject({ heightU: 4, weightKg: 45.3, psuBays: 4, gpu: { maxCards: null }, maxDrawW: null });
    expect(r.issues.find((i) => i.path === 'model' && i.severity === 'warning')?.message).toMatch(/already built in as chassis\.supermicro\.sys-4029gp-trt/);
    // Against a catalog without the built-in, the same file is a plain import under its own name.
    const plain = load(
      'SYS-4029GP-TRT.yaml',
      builtinParts.filter((x) => x.id !== 'chassis.supermicro.sys-4029gp-trt'),
    );
    expect(plain.builtin).toBeNull();
    expect(plain.part?.model).toBe('SYS-4029GP-TRT');
  });
});

describe('common used servers', () => {
  it('HPE ProLiant DL380 Gen10: PSU1/PSU2 module-bays are 2 PSU bays; 8 PCIe slots; part number kept as an alias', () => {
    const p = chassis('ProLiant-DL380-Gen10.yaml');
    expect(p).toMatchObject({ vendor: 'HPE', model: 'ProLiant DL380 Gen10', aliases: ['P19717-B21', 'hpe-proliant-dl380-gen10'] });
    expect(p.specs).toMatchObject({ heightU: 2, weightKg: 14.9, psuBays: 2, gpu: { maxCards: null }, airflow: 'front-to-rear' });
    expect(p.specs.pcieSlots).toEqual([{ count: 8, width: null, gen: null, height: null }]);
    expect(p.notes).toContain('Other module bays: FlexLOM.');
  });

  it('Dell PowerEdge R740: PSU-1/PSU-2 module-bays, 7 full-height + 1 low-profile slot, no airflow or weight in the file → unknown', () => {
    const p = chassis('PowerEdge-R740.yaml');
    expect(p.specs).toMatchObject({ heightU: 2, weightKg: null, psuBays: 2, gpu: { maxCards: null }, airflow: 'unknown', depthMm: null });
    expect(p.specs.pcieSlots).toEqual([
      { count: 7, width: null, gen: null, height: 'full-height' },
      { count: 1, width: null, gen: null, height: 'low-profile' },
    ]);
    expect(p.notes).toContain('Other module bays: NUMA 0 - NDC slot 1.');
  });

  it('Dell PowerEdge R750xa: the multi-line single-quoted comments PyYAML reads are read; 65 lb → 29.484 kg; sources from the comments', () => {
    const r = load('PowerEdge-R750xa.yaml');
    expect(paths(r, 'error')).toEqual([]);
    const p = chassis('PowerEdge-R750xa.yaml');
    expect(p.specs).toMatchObject({ heightU: 2, weightKg: 29.484, psuBays: 2, gpu: { maxCards: null }, nodeBays: null });
    expect(p.specs.pcieSlots).toEqual([{ count: 7, width: null, gen: 4, height: null }]);
    expect(p.aliases).toEqual(['dell_-poweredge-r750xa']);
    expect(p.sources.map((s) => s.url)).toEqual([
      'https://github.com/netbox-community/devicetype-library/blob/master/device-types/Dell/PowerEdge-R750xa.yaml',
      'https://dl.dell.com/content/manual29454828-dell-emc-poweredge-r750xa-installation-and-service-manual.pdf?language=en-us',
      'https://dl.dell.com/content/manual28866376-dell-emc-poweredge-r750xa-technical-specifications.pdf?language=en-us',
    ]);
    expect(p.notes).toContain('PSU rating hint: 800 W per PSU');
    expect(p.notes).toContain('Drive bays (device-bays): 8.');
  });
});

describe('multi-node', () => {
  it('Dell PowerEdge C6400 (parent, in pounds): 97 lb → 43.998 kg, 4 node bays from its sleds, 24 drive bays kept apart', () => {
    const r = load('PowerEdge-C6400.yaml');
    const p = chassis('PowerEdge-C6400.yaml');
    expect(p.specs).toEqual({
      formFactor: 'rackmount',
      heightU: 2,
      depthMm: null,
      weightKg: 43.998,
      boardFormFactors: [],
      compatibleBoards: [],
      integratedBoard: null,
      psuBays: 2,
      psusFitted: [],
      psuRedundancy: null,
      gpu: { maxCards: null, maxCardLengthMm: null, maxCardWidthSlots: null, maxCardHeight: null },
      airflow: 'front-to-rear',
      gpuPowerConnectors: null,
      nodeBays: 4,
      pcieSlots: null,
      maxDrawW: null,
      provenance: { verified: false, source: 'device-types/Dell/PowerEdge-C6400.yaml', note: 'Imported by the user from NetBox.' },
    });
    expect(p.notes).toContain('Full depth: no (NetBox gives no depth in mm).');
    expect(p.notes).toContain('Multi-node chassis: 4 node bays (Sled ×4)');
    expect(p.notes).toContain('Drive bays (device-bays): 24.');
    expect(r.issues.find((i) => i.path === 'device-bays')?.message).toMatch(/4 node bays/);
  });

  it('Dell PowerEdge C6420 (child): refused, naming its role and where to import instead', () => {
    const r = load('PowerEdge-C6420.yaml');
    expect(r).toMatchObject({ ok: false, part: null, category: null });
    expect(r.issues).toEqual([
      {
        path: 'subdevice_role',
        severity: 'error',
        message:
          "Dell PowerEdge C6420 is a node (subdevice_role: child) that goes into a device bay of a multi-node parent chassis; the file does not name its parent. Import the parent's file (subdevice_role: parent) as the chassis; the node's board is not in a NetBox file.",
      },
    ]);
  });

  it('Supermicro MBD-H12DST-B (motherboard): refused with its role, the parents its comments name, and its slots', () => {
    const r = load('MBD-H12DST-B.yaml');
    expect(r.ok).toBe(false);
    const msg = r.issues.find((i) => i.severity === 'error')!;
    expect(msg.path).toBe('subdevice_role');
    expect(msg.message).toMatch(/^Supermicro Motherboard H12DST-B is a motherboard \(subdevice_role: child\)/);
    expect(msg.message).toContain("the file's comments name AS-2124BT-HNTR and AS-2124BT-HTR as its parent");
    expect(msg.message).toContain('its PCIe slots as listed: 1× x24 PCIe 4.0, 2× x16 PCIe 4.0 low-profile, 1× x16 PCIe 3.0');
  });
});

describe('power and network gear', () => {
  it('APC AP7900B → a PDU part: 8 NEMA 5-15R outlets, input plug, 1 U; matches the built-in and says what the file adds', () => {
    const r = load('AP7900B.yaml');
    expect(r.ok).toBe(true);
    expect(r.category).toBe('pdu');
    expect(r.part).toMatchObject({ category: 'pdu', vendor: 'APC', model: 'AP7900B (NetBox)' });
    expect(r.part?.specs).toEqual({
      kind: null,
      inputPlug: 'NEMA L5-20P',
      inputVolts: null,
      inputAmps: null,
      maxLoadW: null,
      outlets: [{ kind: 'NEMA 5-15R', count: 8 }],
      heightU: 1,
    });
    expect(r.builtin?.id).toBe('pdu.apc.ap7900b');
    expect(r.builtinNote).toBe('From device-types/APC/AP7900B.yaml: inputPlug: NEMA L5-20P in the file (built-in: NEMA 5-15P).');
  });

  it('APC SMT1500RMI2U (UPS) and Supermicro SSE-G3648B (switch) are refused with the reason', () => {
    const ups = load('SMT1500RMI2U.yaml');
    expect(ups.ok).toBe(false);
    expect(ups.issues[0]).toMatchObject({ path: 'power-outlets', severity: 'error' });
    expect(ups.issues[0]!.message).toMatch(/is a UPS .*no UPS category/);
    const sw = load('SSE-G3648B.yaml');
    expect(sw.ok).toBe(false);
    expect(sw.issues[0]).toMatchObject({ path: 'interfaces', severity: 'error' });
    expect(sw.issues[0]!.message).toMatch(/is network gear \(53 network ports/);
  });

  it('plug names read like the built-in catalog writes them', () => {
    expect(['nema-5-15r', 'nema-l5-20p', 'iec-60320-c13', 'iec-60309-316p6', 'cee-7-7', 'other'].map(plugName)).toEqual([
      'NEMA 5-15R',
      'NEMA L5-20P',
      'IEC 60320 C13',
      'IEC 60309 316P6',
      'CEE 7/7',
      'other',
    ]);
  });
});

describe('reading YAML the way NetBox does', () => {
  const base = 'manufacturer: Acme\nmodel: Box\nu_height: 2\n';
  const one = (text: string, fileName?: string) => importNetbox(text, { idFor: () => 'user.chassis.box', fileName });

  it('YAML 1.1 booleans, merge keys, and scalars kept as written', () => {
    const r = one(
      'psu: &psu\n  type: iec-60320-c14\n  maximum_draw: 1600\nmanufacturer: Acme\nmodel: 6e2\npart_number: 0123\nu_height: 2\nis_full_depth: yes\npower-ports:\n  - <<: *psu\n    name: PSU1\n  - <<: *psu\n    name: PSU2\n',
    );
    expect(r.ok).toBe(true);
    expect(r.part).toMatchObject({ model: '6e2', aliases: ['0123'] });
    expect(r.part?.specs).toMatchObject({ psuBays: 2 });
    expect(r.part?.notes).toContain('Full depth: yes');
    expect(r.part?.notes).toContain('PSU1 (iec-60320-c14) max 1,600 W; PSU2 (iec-60320-c14) max 1,600 W');
  });

  it('weight 0 is unknown, not refused; duplicate keys: the last wins, as in PyYAML', () => {
    const r = one(`${base}model: Box 2\nweight: 0\nweight_unit: kg\n`);
    expect(r.ok).toBe(true);
    expect(r.part?.model).toBe('Box 2');
    expect(r.part?.specs).toMatchObject({ weightKg: null });
    expect(r.issues).toContainEqual({ path: 'weight', message: 'is 0: read as not known', severity: 'warning' });
  });

  it("a bad nested value is reported at its own path; limits come back in the file's field and unit", () => {
    expect(one(`${base}power-ports:\n  - name: [a, b]\n`).issues.filter((i) => i.severity === 'error')).toEqual([
      { path: 'power-ports.0.name', message: 'must be a single value, not a list', severity: 'error' },
    ]);
    expect(one(`${base}power-ports:\n  - name: PSU1\n    maximum_draw: lots\n`).issues.find((i) => i.severity === 'error')).toEqual({
      path: 'power-ports.0.maximum_draw',
      message: 'must be a number of watts (got "lots") (line 6)',
      severity: 'error',
    });
    expect(one(`${base}weight: 3000\nweight_unit: lb\n`).issues.find((i) => i.severity === 'error')).toEqual({
      path: 'weight',
      message: '3000 lb (1,360.8 kg) is more than a chassis can weigh (500 kg at most)',
      severity: 'error',
    });
  });

  it('an error in a key Rackhive does not read is reported and the rest is used; one in a used key stops the import with the whole message', () => {
    const r = one(`${base}console-ports:\n  - name: [unclosed\n    type: de-9\npower-ports:\n  - name: PSU1\n`);
    expect(r.ok).toBe(true);
    expect(r.part?.specs).toMatchObject({ psuBays: 1 });
    expect(r.issues.find((i) => i.severity === 'warning')).toMatchObject({ path: 'console-ports' });
    const bad = one('manufacturer: [unclosed\nmodel: Y\n');
    expect(bad.ok).toBe(false);
    expect(bad.issues[0]!.path).toBe('manufacturer');
    expect(bad.issues[0]!.message).toMatch(/at line 2, column 1:\n\nmanufacturer: \[unclosed\nmodel: Y\n\^/);
  });

  it('continuation lines of a quoted scalar are indented without changing its value or line numbers', () => {
    const text = "a: 'one\n\ntwo'\nb: \"x\\\"\ny\"\nc: it''s\n";
    const fixed = indentQuotedContinuations(text);
    expect(fixed).toBe("a: 'one\n  \n  two'\nb: \"x\\\"\n  y\"\nc: it''s\n");
    expect(fixed.split('\n')).toHaveLength(text.split('\n').length);
  });

  it('u_height: half units and zero are refused for a chassis, missing is unknown', () => {
    expect(one('manufacturer: A\nmodel: B\nu_height: 0.5\n').issues.find((i) => i.severity === 'error')?.path).toBe('u_height');
    expect(one('manufacturer: A\nmodel: B\nu_height: 0\n').issues.find((i) => i.severity === 'error')?.message).toMatch(/is a node \(u_height: 0\)/);
    expect(one('manufacturer: A\nmodel: B\n').part?.specs).toMatchObject({ heightU: null, psuBays: null, gpu: { maxCards: null } });
  });

  it('is_powered: false is refused; a bay named "GPU fan" is not a GPU position', () => {
    expect(one(`${base}is_powered: false\n`).issues[0]).toMatchObject({ path: 'is_powered', severity: 'error' });
    const r = one(`${base}module-bays:\n  - name: GPU fan 1\n  - name: GPU 1\n`);
    expect(r.part?.specs).toMatchObject({ gpu: { maxCards: 1 } });
  });

  it('upstream paths are taken from where the file came from, in either slash', () => {
    expect(upstreamPathOf('C:\\lib\\devicetype-library\\device-types\\Dell\\PowerEdge-R740.yaml')).toBe('device-types/Dell/PowerEdge-R740.yaml');
    expect(upstreamPathOf('PowerEdge-R740.yaml')).toBeNull();
    const r = one(`${base}power-ports:\n  - name: P\n`, 'PowerEdge-R740.yaml');
    expect(r.part?.sources[0]).toEqual({
      url: 'NetBox device-type file "PowerEdge-R740.yaml" (Acme Box)',
      note: 'Imported by the user; its path in the library was not given.',
    });
  });

  it('chassisFromNetbox keeps its contract: a chassis or a NetboxImportError naming the field', () => {
    expect(chassisFromNetbox(fixture('ProLiant-DL380-Gen10.yaml'), 'user.chassis.dl380').specs.psuBays).toBe(2);
    expect(() => chassisFromNetbox('manufacturer: A\nmodel: B\nu_height: two\n', 'user.chassis.b')).toThrow(/^u_height: must be a number of rack units/);
    expect(() => chassisFromNetbox(fixture('AP7900B.yaml'), 'user.pdu.x')).toThrow(/is a pdu, not a chassis/);
  });
});

describe('quoted continuations and block scalars', () => {
  it('a quote inside a block scalar is text: the keys after it are still read', () => {
    const r = importNetbox("manufacturer: Acme\ncomments: |\n  Spec: 'see the sheet\n  more\nmodel: Box\nu_height: 2\n", { idFor: () => 'user.chassis.box' });
    expect(r.ok).toBe(true);
    expect(r.part).toMatchObject({ model: 'Box', specs: { heightU: 2 } });
    expect(indentQuotedContinuations("c: |\n  a: 'x\nb: 1\n")).toBe("c: |\n  a: 'x\nb: 1\n");
  });
});
