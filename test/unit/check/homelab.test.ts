// Home-lab shapes: risers and cards that hold cards, NVLink bridges, multi-GPU
// boards, free-standing chassis, and the topology rules beyond the seed boards.
// Where a public nvidia-smi topo -m capture exists, the matrix is asserted cell
// by cell against it (the capture is cited next to the test).
import { gbOfBinary } from '#core/perf/units';
import { describe, expect, it } from 'vitest';
import { parseBuildValue, formatIssues } from '#core/build/file';
import type { Build, BuildInput } from '#core/build/build';
import { exampleBuild, EXAMPLE_BUILDS } from '#core/build/examples';
import { builtinParts as checkerCatalog } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { CatalogPart, type CatalogPartInput } from '#core/catalog/part';
import { devicesOfBuild } from '#core/perf/fromBuild';

const SITE = { mainsVolts: 230, circuitAmps: 16 };

function parse(input: BuildInput): Build {
  const r = parseBuildValue(input);
  if (!r.ok) throw new Error(formatIssues(r.issues));
  return r.build;
}

function check(build: Build, extra: CatalogPart[] = [], site = SITE) {
  return checkBuild(build, [...checkerCatalog, ...extra], site);
}

const matrixText = (m: { labels: string[]; cells: string[][] }) => m.cells.map((row, i) => `${m.labels[i]} ${row.join(' ')}`);

/** One chassis in one rack, the rest defaulted. */
function oneChassis(chassis: Record<string, unknown>): BuildInput {
  return {
    format: 'rackhive.build',
    version: 1,
    name: 'test',
    racks: [{ id: 'rack-1', partId: 'rack.apc.ar3100', chassis: [{ id: 'srv-1', positionU: 1, ...chassis } as never] }],
  };
}

/** A test board: one EPYC-style socket with four quadrant root complexes, two slots on each. */
function quadrantBoard(opts: { numa?: boolean; postNeedsSocket?: string; sockets?: number } = {}): CatalogPart {
  const sockets = Array.from({ length: opts.sockets ?? 1 }, (_, i) => ({ id: `cpu${i + 1}`, label: `CPU${i + 1}`, socketType: 'SP3' }));
  const rootComplexes = sockets.flatMap((s) =>
    [0, 1, 2, 3].map((q) => ({ id: `${s.id}-q${q}`, socket: s.id, lanes: 32, gen: 4, verified: false, ...(opts.numa ? { numaNode: q } : {}) })),
  );
  const slots = rootComplexes.flatMap((rc, i) =>
    [0, 1].map((k) => ({
      id: `${rc.id}-s${k}`,
      label: `${rc.id} slot ${k}`,
      position: i * 2 + k,
      physicalWidth: 16 as const,
      electricalWidth: 16 as const,
      gen: 4,
      feeds: rc.id,
      gpu: true,
      verified: false,
    })),
  );
  const input: CatalogPartInput = {
    id: 'user.board.quadrants',
    category: 'board',
    vendor: 'Test',
    model: 'Quadrant board',
    aliases: [],
    typicalUsedPrice: null,
    sources: [],
    builtin: false,
    revision: 1,
    specs: {
      formFactor: 'ATX',
      sockets,
      interSocketLink: sockets.length > 1 ? { kind: 'InfinityFabric', links: null, speedGTps: null, bandwidthGBps: null, verified: false } : null,
      rootComplexes,
      slots,
      topology: { verified: false },
      ...(opts.postNeedsSocket ? { postNeedsSocket: opts.postNeedsSocket } : {}),
    },
  };
  return CatalogPart.parse(input);
}

const openFrame = (devices: unknown[], extra: Record<string, unknown> = {}) =>
  oneChassis({
    partId: 'chassis.generic.open-frame-8gpu',
    boardPartId: 'board.asrock-rack.romed8-2t',
    cpus: [{ socket: 'cpu1', partId: 'cpu.amd.epyc-7302' }],
    devices,
    psus: [{ partId: 'psu.supermicro.pws-2k05a-1r', count: 2 }],
    ...extra,
  });

describe('build format: parts that hold parts, bridges, free-standing chassis', () => {
  it('the seed examples still parse and export unchanged (no new keys appear)', () => {
    for (const id of ['sys-4028gr-x10drg', 'sys-4028gr-x9drg', 'gigabyte-g482']) {
      const b = exampleBuild(id)!.build;
      expect(b.freeStanding).toBeUndefined();
      expect(b.racks.flatMap((r) => r.chassis).every((c) => c.bridges === undefined)).toBe(true);
    }
  });

  it('every new example opens like the seed ones', () => {
    const ids = EXAMPLE_BUILDS.map((e) => e.id);
    for (const id of ['open-frame-romed8-4x3090', 'tower-wrx80-3xp40-1x3090', 'sys-4028gr-tr2-10x-gpu', 'c4130-config-c', 'k80-x4']) {
      expect(ids).toContain(id);
      expect(exampleBuild(id)!.description.length).toBeGreaterThan(20);
    }
  });

  it('refuses a device in a slot of a device that is not there, naming the JSON path', () => {
    const r = parseBuildValue(
      oneChassis({ partId: 'chassis.generic.open-frame-8gpu', devices: [{ id: 'gpu-0', slot: 'riser-9/a', partId: 'gpu.nvidia.rtx-3090' }] }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssues(r.issues)).toMatch(/^racks\[0\]\.chassis\[0\]\.devices\[0\]\.slot: no device "riser-9"/);
  });

  it('refuses a loop of hosts and a device in its own slot', () => {
    const loop = parseBuildValue(
      oneChassis({
        partId: 'x.y',
        devices: [
          { id: 'a', slot: 'b/a', partId: 'x.y' },
          { id: 'b', slot: 'a/a', partId: 'x.y' },
        ],
      }),
    );
    expect(loop.ok || formatIssues(loop.issues)).toMatch(/devices\[0\]\.slot: device "a" sits in a loop of hosts/);
    const self = parseBuildValue(oneChassis({ partId: 'x.y', devices: [{ id: 'a', slot: 'a/a', partId: 'x.y' }] }));
    expect(self.ok || formatIssues(self.issues)).toMatch(/devices\[0\]\.slot: device "a" cannot sit in a slot of itself/);
  });

  it('refuses a bridge naming three devices or a missing one, naming the JSON path', () => {
    const devices = [
      { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-3090' },
      { id: 'gpu-1', slot: 'slot4', partId: 'gpu.nvidia.rtx-3090' },
    ];
    const three = parseBuildValue(
      openFrame(devices, { bridges: [{ partId: 'bridge.nvidia.geforce-rtx-nvlink-3slot', devices: ['gpu-0', 'gpu-1', 'gpu-1'] }] }),
    );
    expect(three.ok || formatIssues(three.issues)).toMatch(/racks\[0\]\.chassis\[0\]\.bridges\[0\]\.devices: an NVLink bridge joins exactly two cards/);
    const missing = parseBuildValue(openFrame(devices, { bridges: [{ partId: 'bridge.nvidia.geforce-rtx-nvlink-3slot', devices: ['gpu-0', 'gpu-7'] }] }));
    expect(missing.ok || formatIssues(missing.issues)).toMatch(/racks\[0\]\.chassis\[0\]\.bridges\[0\]\.devices\[1\]: no device "gpu-7"/);
  });

  it('a free-standing chassis has no rack unit and its power counts against its circuit', () => {
    const b = exampleBuild('open-frame-romed8-4x3090')!.build;
    expect(b.racks).toEqual([]);
    expect(b.freeStanding?.chassis[0]).not.toHaveProperty('positionU');
    const withU = parseBuildValue({ ...JSON.parse(JSON.stringify(b)), freeStanding: { chassis: [{ ...b.freeStanding!.chassis[0], positionU: 1 }] } });
    expect(withU.ok || formatIssues(withU.issues)).toMatch(/freeStanding\.chassis\[0\]/);
    const r = check(b, [], { mainsVolts: 120, circuitAmps: 15 });
    expect(r.power.racks.map((x) => x.rackId)).toEqual(['free-standing']);
    expect(r.findings.some((f) => f.code.startsWith('rack.'))).toBe(false);
  });
});

describe('risers, bifurcation and switch cards', () => {
  it("a GPU on a riser cable reaches the board slot's root complex; a Gen3 cable caps a Gen4 link", () => {
    const b = parse(
      openFrame([
        { id: 'r0', slot: 'slot1', partId: 'riser.generic.x16-riser-cable-gen3' },
        { id: 'gpu-0', slot: 'r0/a', partId: 'gpu.nvidia.rtx-3090' },
      ]),
    );
    const r = check(b);
    const link = r.lanes.devices.find((d) => d.deviceId === 'gpu-0')!;
    expect(link).toMatchObject({ rootComplex: 'cpu1-iod', width: 16, gen: 3 });
    expect(r.lanes.devices.some((d) => d.deviceId === 'r0')).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain('riser.gen-cap');
  });

  it('a GPU in a slot of a card that holds none is a finding naming the JSON path', () => {
    const b = parse(
      openFrame([
        { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-3090' },
        { id: 'gpu-1', slot: 'gpu-0/a', partId: 'gpu.nvidia.rtx-3090' },
      ]),
    );
    const f = check(b).findings.find((x) => x.code === 'chassis.slot-unknown')!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(
      /^racks\[0\]\.chassis\[0\]\.devices\[1\]\.slot: gpu-1 is placed in "gpu-0\/a", but gpu-0 is a GPU \/ accelerator \(GeForce RTX 3090\), which holds no cards/,
    );
  });

  it('a riser in a slot it does not fit is refused by a finding naming the JSON path', () => {
    // The C4130's low-profile slots are x8 electrically but x16 physically; the SXM baseboard of the DGX is not PCIe at all.
    const b = parse(
      oneChassis({ partId: 'chassis.nvidia.dgx-a100', cpus: [], devices: [{ id: 'r0', slot: 'sxm1', partId: 'riser.generic.x16-riser-cable-gen4' }] }),
    );
    const f = check(b).findings.find((x) => x.code === 'riser.slot-misfit');
    expect(f?.message).toMatch(/^racks\[0\]\.chassis\[0\]\.devices\[0\]\.slot: .* is a PCIe part/);
  });

  it('a x4x4x4x4 card in a x8 slot leaves outputs c and d without lanes: an error, and the card is out of the matrix', () => {
    const board = quadrantBoard();
    if (board.category !== 'board') throw new Error('not a board');
    const narrow = CatalogPart.parse({
      ...board,
      id: 'user.board.narrow',
      specs: { ...board.specs, slots: board.specs.slots.map((s) => ({ ...s, electricalWidth: 8 })) },
    });
    const b = parse(
      openFrame(
        [
          { id: 'bif', slot: 'cpu1-q0-s0', partId: 'riser.generic.x16-to-4x4-bifurcation' },
          { id: 'nvme-a', slot: 'bif/a', partId: 'gpu.nvidia.tesla-t4' },
          { id: 'nvme-c', slot: 'bif/c', partId: 'gpu.nvidia.tesla-t4' },
        ],
        { boardPartId: 'user.board.narrow' },
      ),
    );
    const r = check(b, [narrow]);
    expect(r.findings.find((f) => f.code === 'riser.output-unwired')?.subjects).toContain('nvme-c');
    expect(r.findings.map((f) => f.code)).toContain('riser.needs-bifurcation');
    expect(r.p2pMatrix[0]!.deviceIds).toEqual(['nvme-a']);
    expect(r.lanes.devices.find((d) => d.deviceId === 'nvme-a')).toMatchObject({ width: 4 });
  });

  it('two GPUs on one PLX switch card are PIX to each other and PHB to a card on the board, and share its x16 uplink', () => {
    const b = parse(
      openFrame(
        [
          { id: 'plx', slot: 'cpu1-q0-s0', partId: 'riser.generic.pex8747-x16-to-2x16' },
          { id: 'gpu-0', slot: 'plx/a', partId: 'gpu.nvidia.tesla-p40' },
          { id: 'gpu-1', slot: 'plx/b', partId: 'gpu.nvidia.tesla-p40' },
          { id: 'gpu-2', slot: 'cpu1-q0-s1', partId: 'gpu.nvidia.tesla-p40' },
        ],
        { boardPartId: 'user.board.quadrants' },
      ),
    );
    const r = check(b, [quadrantBoard()]);
    expect(matrixText(r.p2pMatrix[0]!)).toEqual(['GPU0 X PIX PHB', 'GPU1 PIX X PHB', 'GPU2 PHB PHB X']);
    expect(r.lanes.switches.find((s) => s.switchId === 'plx.switch')).toMatchObject({ uplinkWidth: 16, downstreamLanes: 32, oversubscription: 2 });
  });
});

describe('NVLink bridges', () => {
  // Capture: github.com/siboehm/bench, gpu/nvlink/README.md — three RTX A6000, two bridged:
  //   GPU0  X   NV4  NODE / GPU1 NV4  X  NODE / GPU2 NODE NODE  X
  it('matches the public A6000 capture cell by cell: bridged pair NV4, the third card NODE (another quadrant)', () => {
    const b = parse(
      oneChassis({
        partId: 'chassis.generic.full-tower-eatx',
        boardPartId: 'user.board.quadrants',
        cpus: [{ socket: 'cpu1', partId: 'cpu.amd.threadripper-pro-3975wx' }],
        devices: [
          { id: 'gpu-0', slot: 'cpu1-q0-s0', partId: 'gpu.nvidia.rtx-a6000' },
          { id: 'gpu-1', slot: 'cpu1-q1-s0', partId: 'gpu.nvidia.rtx-a6000' },
          { id: 'gpu-2', slot: 'cpu1-q2-s0', partId: 'gpu.nvidia.rtx-a6000' },
        ],
        bridges: [{ partId: 'bridge.nvidia.rtx-a-nvlink-2slot', devices: ['gpu-0', 'gpu-1'] }],
      }),
    );
    const r = check(b, [quadrantBoard()]);
    expect(matrixText(r.p2pMatrix[0]!)).toEqual(['GPU0 X NV4 NODE', 'GPU1 NV4 X NODE', 'GPU2 NODE NODE X']);
    expect(r.findings.filter((f) => f.code.startsWith('bridge.'))).toEqual([]);
  });

  it('a bridged GeForce pair is one hive although the stock driver turns PCIe P2P off', () => {
    const r = check(exampleBuild('open-frame-romed8-4x3090')!.build, [], { mainsVolts: 120, circuitAmps: 15 });
    expect(r.hives.map((h) => [h.devices, h.via])).toEqual([
      [['GPU0', 'GPU1'], 'NV4'],
      [['GPU2'], 'single'],
      [['GPU3'], 'single'],
    ]);
    expect(r.findings.find((f) => f.code === 'bridge.unchecked')?.message).toMatch(
      /^GeForce RTX NVLink Bridge for RTX 3090, 3-slot between GPU0 \(GeForce RTX 3090\) and GPU1 \(GeForce RTX 3090\): the spacing is not checked: both cards stand on risers/,
    );
  });

  it('refuses a bridge between different models, at the wrong spacing, or on cards without the connector', () => {
    const base = (devices: unknown[], bridge: string) => parse(openFrame(devices, { bridges: [{ partId: bridge, devices: ['gpu-0', 'gpu-1'] }] }));
    const mixed = check(
      base(
        [
          { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-3090' },
          { id: 'gpu-1', slot: 'slot4', partId: 'gpu.nvidia.rtx-a6000' },
        ],
        'bridge.nvidia.geforce-rtx-nvlink-3slot',
      ),
    );
    expect(mixed.findings.find((f) => f.code === 'bridge.invalid')?.message).toMatch(/different models/);
    // Refused bridge: the PCIe path, which on an IO die with no public slot-to-quadrant map is PHB or NODE (counted NODE).
    expect(mixed.p2pMatrix[0]!.cells[0]![1]).toBe('NODE');
    expect(mixed.p2pMatrix[0]!.uncertain).toEqual([expect.objectContaining({ a: 'GPU0', b: 'GPU1', classes: ['PHB', 'NODE'] })]);
    const spacing = check(
      base(
        [
          { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.rtx-3090' },
          { id: 'gpu-1', slot: 'slot5', partId: 'gpu.nvidia.rtx-3090' },
        ],
        'bridge.nvidia.geforce-rtx-nvlink-3slot',
      ),
    );
    expect(spacing.findings.find((f) => f.code === 'bridge.invalid')?.message).toMatch(/4 slot positions apart .* spans 3/);
    const p40 = check(
      base(
        [
          { id: 'gpu-0', slot: 'slot1', partId: 'gpu.nvidia.tesla-p40' },
          { id: 'gpu-1', slot: 'slot4', partId: 'gpu.nvidia.tesla-p40' },
        ],
        'bridge.nvidia.geforce-rtx-nvlink-3slot',
      ),
    );
    expect(p40.findings.find((f) => f.code === 'bridge.invalid')?.message).toMatch(/has no NVLink bridge connector/);
  });
});

describe('root complexes per CPU family', () => {
  const twoGpus = (board: CatalogPart, a: string, b: string) =>
    check(
      parse(
        oneChassis({
          partId: 'chassis.generic.full-tower-eatx',
          boardPartId: board.id,
          cpus: [{ socket: 'cpu1', partId: 'cpu.amd.epyc-7601' }],
          devices: [
            { id: 'g0', slot: a, partId: 'gpu.nvidia.tesla-p40' },
            { id: 'g1', slot: b, partId: 'gpu.nvidia.tesla-p40' },
          ],
        }),
      ),
      [board],
    );
  it('EPYC 7002/TR PRO quadrants of one socket are NODE; slots on one quadrant PHB', () => {
    const board = quadrantBoard();
    expect(twoGpus(board, 'cpu1-q0-s0', 'cpu1-q3-s0').p2pMatrix[0]!.cells[0]![1]).toBe('NODE');
    expect(twoGpus(board, 'cpu1-q0-s0', 'cpu1-q0-s1').p2pMatrix[0]!.cells[0]![1]).toBe('PHB');
  });
  it('first-generation EPYC dies are separate NUMA nodes: SYS within one socket', () => {
    const r = twoGpus(quadrantBoard({ numa: true }), 'cpu1-q0-s0', 'cpu1-q1-s0');
    expect(r.p2pMatrix[0]!.cells[0]![1]).toBe('SYS');
    expect(r.hives).toHaveLength(2);
  });
});

describe('multi-GPU cards', () => {
  it('a K80 is two GPUs joined by its own switch, 12 GB each, one card for power', () => {
    const b = exampleBuild('c4130-config-c')!.build;
    const r = check(b);
    expect(matrixText(r.p2pMatrix[0]!)).toEqual([
      'GPU0 X PIX PHB PHB SYS SYS SYS SYS',
      'GPU1 PIX X PHB PHB SYS SYS SYS SYS',
      'GPU2 PHB PHB X PIX SYS SYS SYS SYS',
      'GPU3 PHB PHB PIX X SYS SYS SYS SYS',
      'GPU4 SYS SYS SYS SYS X PIX PHB PHB',
      'GPU5 SYS SYS SYS SYS PIX X PHB PHB',
      'GPU6 SYS SYS SYS SYS PHB PHB X PIX',
      'GPU7 SYS SYS SYS SYS PHB PHB PIX X',
    ]);
    expect(r.power.chassis[0]!.components.filter((c) => c.what === 'Tesla K80').map((c) => c.peakW)).toEqual([300, 300, 300, 300]);
    const devs = devicesOfBuild(b, checkerCatalog);
    expect(devs.devices).toHaveLength(8);
    // 12 GiB each (the vendor's binary figure) = 12.88 GB, as nvidia-smi shows each GPU's memory.
    expect(devs.devices.every((d) => d.memoryGB === gbOfBinary(12))).toBe(true);
  });

  it('K80s behind one board switch are PXB to each other (two bridges), PIX within a card', () => {
    const m = check(exampleBuild('k80-x4')!.build).p2pMatrix[0]!;
    expect(matrixText(m).slice(0, 4)).toEqual([
      'GPU0 X PIX PXB PXB SYS SYS SYS SYS',
      'GPU1 PIX X PXB PXB SYS SYS SYS SYS',
      'GPU2 PXB PXB X PIX SYS SYS SYS SYS',
      'GPU3 PXB PXB PIX X SYS SYS SYS SYS',
    ]);
  });
});

describe('SYS-4028GR-TR2 / TRT2 single root', () => {
  // Capture: github.com/miminashi/llm-server-ops, report/attachment/2026-08-16_151340_aws_gpu_server_onboarding/os_inventory.txt
  // (SYS-4028GR-TRT2, 7× P100, ConnectX-4 in CPU1 SLOT8). GPUs in bus order: 05=SLOT5, 07=SLOT4, 08=SLOT3, 0C=SLOT12, 0D=SLOT9, 0E=SLOT11, 0F=SLOT10.
  const CAPTURE = [
    'GPU0 X PIX PIX PHB PHB PHB PHB PHB',
    'GPU1 PIX X PIX PHB PHB PHB PHB PHB',
    'GPU2 PIX PIX X PHB PHB PHB PHB PHB',
    'GPU3 PHB PHB PHB X PIX PIX PIX PIX',
    'GPU4 PHB PHB PHB PIX X PIX PIX PIX',
    'GPU5 PHB PHB PHB PIX PIX X PIX PIX',
    'GPU6 PHB PHB PHB PIX PIX PIX X PIX',
    'NIC0 PHB PHB PHB PIX PIX PIX PIX X',
  ];
  it('the 7-GPU capture, cell by cell', () => {
    const slots = ['slot5', 'slot4', 'slot3', 'slot12', 'slot9', 'slot11', 'slot10'];
    const b = parse(
      oneChassis({
        partId: 'chassis.supermicro.sys-4028gr-tr2',
        cpus: [
          { socket: 'cpu1', partId: 'cpu.intel.xeon-e5-2680-v4' },
          { socket: 'cpu2', partId: 'cpu.intel.xeon-e5-2680-v4' },
        ],
        devices: [
          ...slots.map((s, i) => ({ id: `gpu-${i}`, slot: s, partId: 'gpu.nvidia.tesla-p100-pcie-16gb' })),
          { id: 'nic-0', slot: 'slot8', partId: 'nic.mellanox.connectx-4-vpi-edr' },
        ],
      }),
    );
    const m = check(b).p2pMatrix[0]!;
    expect(matrixText(m)).toEqual(CAPTURE);
    expect(m.unverified).toEqual([]);
  });
  it('takes 10 GPUs: one P2P domain on CPU1; an 11th card is too many', () => {
    const b = exampleBuild('sys-4028gr-tr2-10x-gpu')!.build;
    const r = check(b);
    expect(r.p2pMatrix[0]!.labels).toHaveLength(10);
    expect(r.hives).toHaveLength(1);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const eleven = JSON.parse(JSON.stringify(b)) as Build;
    eleven.racks[0]!.chassis[0]!.devices.push({ id: 'gpu-10', slot: 'slot6', partId: 'gpu.nvidia.tesla-p100-pcie-16gb' });
    expect(check(parse(eleven)).findings.map((f) => f.code)).toContain('chassis.too-many-gpus');
  });
});

describe('fit, cooling, categories, POST', () => {
  it('a DIMM in a GPU slot is refused', () => {
    const f = check(parse(openFrame([{ id: 'dimm', slot: 'slot1', partId: 'memory.generic.ddr4-3200-rdimm-64gb' }]))).findings.find(
      (x) => x.code === 'chassis.wrong-category',
    );
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/^racks\[0\]\.chassis\[0\]\.devices\[0\]\.partId: .* is a Memory, not a card/);
  });
  it('passive cards in a tower need air; a blower card in a 1U server is a finding', () => {
    expect(check(exampleBuild('tower-wrx80-3xp40-1x3090')!.build).findings.filter((f) => f.code === 'chassis.cooling-passive')).toHaveLength(3);
    const oneU = parse(
      oneChassis({
        partId: 'chassis.dell.poweredge-c4130',
        boardPartId: 'board.dell.c4130-config-c',
        cpus: [{ socket: 'cpu1', partId: 'cpu.intel.xeon-e5-2680-v4' }],
        devices: [{ id: 'g', slot: 'gpu1', partId: 'gpu.nvidia.rtx-a4000' }],
      }),
    );
    expect(check(oneU).findings.map((f) => f.code)).toContain('chassis.cooling-1u');
  });
  it('card length unknown on either side is said to be unchecked, never passed in silence', () => {
    expect(check(exampleBuild('open-frame-romed8-4x3090')!.build).findings.find((f) => f.code === 'chassis.card-fit-unchecked')?.message).toMatch(
      /length of 4 cards/,
    );
  });
  it('a board that cannot POST without CPU1 gets one error, not one per dead slot; dead cards leave the matrix', () => {
    const board = quadrantBoard({ sockets: 2, postNeedsSocket: 'cpu1' });
    const b = parse(
      oneChassis({
        partId: 'chassis.generic.full-tower-eatx',
        boardPartId: board.id,
        cpus: [{ socket: 'cpu2', partId: 'cpu.amd.epyc-7302' }],
        devices: [0, 1, 2].map((i) => ({ id: `g${i}`, slot: `cpu1-q${i}-s0`, partId: 'gpu.nvidia.tesla-p40' })),
      }),
    );
    const r = check(b, [board]);
    expect(r.findings.filter((f) => f.code === 'chassis.no-post')).toHaveLength(1);
    expect(r.findings.filter((f) => f.code === 'chassis.slot-dead')).toHaveLength(0);
    expect(r.p2pMatrix[0]!.labels).toEqual([]);
    expect(r.hives).toEqual([]);
  });
});

describe('power on home circuits and A/B feeds', () => {
  it('four 350 W GPUs on one 15 A / 120 V household circuit: said plainly', () => {
    const f = check(exampleBuild('open-frame-romed8-4x3090')!.build, [], { mainsVolts: 120, circuitAmps: 15 }).findings.find(
      (x) => x.code === 'power.circuit-overload',
    )!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/one 15 A circuit at 120 V carries 1,440 W continuous.*one ordinary household circuit/);
  });
  it('N+N on A/B feeds: each feed carries the whole load, the circuits are not summed', () => {
    const b = JSON.parse(JSON.stringify(exampleBuild('sys-4028gr-tr2-10x-gpu')!.build)) as Build;
    b.racks[0]!.circuits = { count: 2, amps: 16 };
    const r = check(parse(b));
    expect(r.power.racks[0]).toMatchObject({ abFeeds: true });
    expect(r.power.racks[0]!.circuitW).toBeCloseTo(16 * 230 * 0.8, 6);
    expect(r.findings.find((f) => f.code === 'power.circuit-overload')?.message).toMatch(
      /each feed .* must carry the whole load alone .* The 2 circuits are not summed/,
    );
  });
});

describe('what the driver and NCCL do per pair', () => {
  it('Intel host: P2P through the host bridge works but NCCL goes through host memory beyond PXB (NCCL ncclTopoCheckP2p)', () => {
    const r = check(exampleBuild('sys-4028gr-tr2-10x-gpu')!.build);
    const pix = r.p2pRuntime.find((p) => p.a === 'GPU0' && p.b === 'GPU1')!;
    const phb = r.p2pRuntime.find((p) => p.a === 'GPU0' && p.b === 'GPU4')!;
    expect([pix.path, pix.cudaP2p, pix.nccl]).toEqual(['PIX', true, 'P2P']);
    expect([phb.path, phb.cudaP2p, phb.nccl]).toEqual(['PHB', true, 'SHM']);
    expect(phb.source).toMatch(/ncclTopoCheckP2p/);
    expect(r.p2pRuntime).toHaveLength(45);
  });
  it('AMD host: NCCL uses P2P across quadrants (NODE); GeForce without the bridge stays off with the stock driver', () => {
    const r = check(exampleBuild('open-frame-romed8-4x3090')!.build, [], { mainsVolts: 120, circuitAmps: 15 });
    expect(r.p2pRuntime.find((p) => p.a === 'GPU0' && p.b === 'GPU1')).toMatchObject({ path: 'NV4', nccl: 'NVLink' });
    expect(r.p2pRuntime.find((p) => p.a === 'GPU2' && p.b === 'GPU3')).toMatchObject({ cudaP2p: false, nccl: 'SHM', patchedDriver: false });
    const epyc = parse(
      oneChassis({
        partId: 'chassis.generic.full-tower-eatx',
        boardPartId: 'user.board.quadrants',
        cpus: [{ socket: 'cpu1', partId: 'cpu.amd.epyc-7302' }],
        devices: [
          { id: 'g0', slot: 'cpu1-q0-s0', partId: 'gpu.nvidia.tesla-p40' },
          { id: 'g1', slot: 'cpu1-q2-s0', partId: 'gpu.nvidia.tesla-p40' },
        ],
      }),
    );
    expect(check(epyc, [quadrantBoard()]).p2pRuntime[0]).toMatchObject({ path: 'NODE', cudaP2p: true, nccl: 'P2P' });
  });
  it("the estimate gives a bridged pair the bridge's NVLink rate (112.5 GB/s both directions → 56.25 GB/s each way)", () => {
    const devs = devicesOfBuild(exampleBuild('open-frame-romed8-4x3090')!.build, checkerCatalog);
    expect(devs.devices.map((d) => d.nvlinkGBps)).toEqual([56.25, 56.25, null, null]);
    expect(devs.topology.pathClass(0, 1)).toBe('NV');
    expect(devs.topology.p2p!(0, 1)).toBe(true);
    expect(devs.topology.p2p!(2, 3)).toBe(false);
  });
  it('the patched open kernel module is chosen per build, and marked as such', () => {
    const b = JSON.parse(JSON.stringify(exampleBuild('open-frame-romed8-4x3090')!.build)) as Build;
    b.geforceP2p = 'patched-open-module';
    const r = check(parse(b), [], { mainsVolts: 120, circuitAmps: 15 });
    expect(r.p2pRuntime.find((p) => p.a === 'GPU2' && p.b === 'GPU3')).toMatchObject({ cudaP2p: true, nccl: 'P2P', patchedDriver: true });
    // CUDA P2P works across the IO die's quadrants on AMD; a hive (a shared host bridge) is not promised, since
    // which quadrant each ROMED8-2T slot sits on is not public: the cell is PHB or NODE, counted NODE.
    expect(r.hives.some((h) => h.devices.includes('GPU2') && h.devices.includes('GPU3'))).toBe(false);
    expect(r.p2pMatrix[0]!.uncertain.map((u) => `${u.a}-${u.b}`)).toEqual(['GPU0-GPU2', 'GPU0-GPU3', 'GPU1-GPU2', 'GPU1-GPU3', 'GPU2-GPU3']);
  });
});

describe('per-switch lane budget', () => {
  it('a 96-lane PEX8796 cannot feed six x16 slots over a x16 uplink (16 + 96 = 112 lanes)', async () => {
    const { boardTopologyIssues } = await import('#core/catalog/board');
    const slots = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, feeds: 'sw', electricalWidth: 16 }));
    const board = {
      sockets: [{ id: 'cpu1' }],
      rootComplexes: [{ id: 'rc', socket: 'cpu1' }],
      pcieSwitches: [{ id: 'sw', lanes: 96, upstream: { to: 'rc', width: 16 } }],
      slots,
      onboardDevices: [],
      memory: [],
      fabrics: [],
    };
    expect(boardTopologyIssues(board).map((i) => i.message)).toEqual(['switch "sw" has 96 lanes but its x16 uplink and the ports below it need 112']);
    expect(boardTopologyIssues({ ...board, slots: slots.slice(0, 5) })).toEqual([]);
  });
});

describe('canPlace knows parts that hold parts', () => {
  it("a card goes into a riser's slot, not into a GPU; a x16 riser does not go into a x8 slot; a riser not into its own slot", async () => {
    const { canPlace } = await import('#core/build/placement');
    const { indexCatalog } = await import('#core/check/catalog');
    const idx = indexCatalog(checkerCatalog);
    const b = parse(
      oneChassis({
        partId: 'chassis.supermicro.sys-4028gr-tr',
        boardPartId: 'board.supermicro.x9drg-o-pcie',
        cpus: [
          { socket: 'cpu1', partId: 'cpu.intel.xeon-e5-2680-v2' },
          { socket: 'cpu2', partId: 'cpu.intel.xeon-e5-2680-v2' },
        ],
        devices: [
          { id: 'riser-0', slot: 'gpu1', partId: 'riser.generic.x16-riser-cable-gen3' },
          { id: 'gpu-0', slot: 'gpu3', partId: 'gpu.nvidia.tesla-p40' },
        ],
      }),
    );
    const p40 = { source: 'palette' as const, partId: 'gpu.nvidia.tesla-p40', category: 'gpu' as const, label: 'Tesla P40' };
    expect(canPlace(b, idx, p40, { kind: 'slot', chassisId: 'srv-1', slot: 'riser-0/a' })).toEqual({ ok: true });
    expect(canPlace(b, idx, p40, { kind: 'slot', chassisId: 'srv-1', slot: 'gpu-0/a' })).toEqual({ ok: false, reason: 'Tesla P40 holds no cards.' });
    const riser = { source: 'palette' as const, partId: 'riser.generic.x16-riser-cable-gen3', category: 'riser' as const, label: 'riser' };
    expect(canPlace(b, idx, riser, { kind: 'slot', chassisId: 'srv-1', slot: 'cpu1-x8' })).toEqual({ ok: true });
    const { riserMisfit } = await import('#core/build/fit');
    const part = idx.get('riser.generic.x16-riser-cable-gen3');
    if (part?.category !== 'riser') throw new Error('not a riser');
    expect(riserMisfit(part, { kind: 'pcie', physicalWidth: 8, label: 'PCIE3' })).toMatch(/x16 edge; PCIE3 is a x8 slot, so it does not fit/);
    expect(
      canPlace(
        b,
        idx,
        { source: 'device', chassisId: 'srv-1', deviceId: 'riser-0', label: 'riser-0' },
        { kind: 'slot', chassisId: 'srv-1', slot: 'riser-0/a' },
      ),
    ).toMatchObject({ ok: false });
  });
});
