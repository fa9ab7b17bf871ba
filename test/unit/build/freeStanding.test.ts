// Free-standing chassis, riser slots and NVLink bridges as edits and drop
// targets: the editor's lookup finds a tower or open frame outside the racks,
// moving it between a rack and the bench is one edit, cards go onto a riser's
// own slots, and a bridge is accepted or refused by the checker's own rule.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { exampleBuild } from '#core/build/examples';
import { parseBuildText } from '#core/build/file';
import * as E from '#core/build/edits';
import { bridgeOptions, canBridge, canPlace, place, riserSlotsOf, type Carry } from '#core/build/placement';
import type { Build } from '#core/build/build';

const cat = indexCatalog(builtinParts);
const site = { mainsVolts: 120, circuitAmps: 15 };
const palette = (partId: string): Carry => {
  const p = cat.get(partId)!;
  return { source: 'palette', partId, category: p.category, label: p.model };
};
const openFrame = () => exampleBuild('open-frame-romed8-4x3090')!.build;
const tower = () => exampleBuild('tower-wrx80-3xp40-1x3090')!.build;
const BRIDGE_3 = 'bridge.nvidia.geforce-rtx-nvlink-3slot';

/** The edited build must still be a valid build file. */
function valid(b: Build): Build {
  const r = parseBuildText(JSON.stringify(b));
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return b;
}

function ok(r: E.EditResult | ReturnType<typeof place>): Build {
  if (!r.ok) throw new Error(r.reason);
  return valid(r.build);
}

describe('free-standing chassis', () => {
  it('findChassis finds an open frame outside the racks, and edits inside it change only it', () => {
    const b = openFrame();
    const at = E.findChassis(b, 'frame-1');
    expect(at).toMatchObject({ freeStanding: true, index: 0, chassis: { id: 'frame-1' } });
    expect(E.allChassis(b).map((c) => c.id)).toEqual(['frame-1']);
    const next = ok(E.renameChassis(b, 'frame-1', 'bench rig'));
    expect(next.freeStanding!.chassis[0]!.label).toBe('bench rig');
    expect('positionU' in next.freeStanding!.chassis[0]!).toBe(false);
    expect(next.racks).toBe(b.racks);
  });

  it('a tower from the palette stands outside the racks; a rack unit refuses it with the reason', () => {
    const b = E.emptyBuild('desk');
    const carry = palette('chassis.generic.full-tower-eatx');
    expect(canPlace(b, cat, carry, { kind: 'rackU', rackId: '(new)', u: 1 })).toEqual({ ok: false, reason: expect.stringMatching(/no rack height/) });
    const placed = place(b, cat, carry, { kind: 'freeStanding' });
    const next = ok(placed);
    expect(next.freeStanding!.chassis).toHaveLength(1);
    expect(next.freeStanding!.chassis[0]!.id).toBe('tower-1');
    expect(placed.ok && placed.select).toEqual({ kind: 'chassis', chassisId: 'tower-1' });
    // A GPU slot of a free-standing chassis is a drop target like a racked one's.
    const withBoard = ok(E.setBoard(next, cat, 'tower-1', 'board.asus.pro-ws-wrx80e-sage-se'));
    expect(canPlace(withBoard, cat, palette('gpu.nvidia.rtx-3090'), { kind: 'slot', chassisId: 'tower-1', slot: 'slot1' }).ok).toBe(true);
  });

  it('a chassis moves from a rack to free-standing and back, each one edit with its cards', () => {
    let b = exampleBuild('sys-4028gr-x10drg')!.build;
    const id = b.racks[0]!.chassis[0]!.id;
    const devices = b.racks[0]!.chassis[0]!.devices;
    const out = place(b, cat, { source: 'chassis', chassisId: id, label: id }, { kind: 'freeStanding' });
    b = ok(out);
    expect(b.racks[0]!.chassis).toHaveLength(0);
    expect(b.freeStanding!.chassis[0]!.devices).toEqual(devices);
    expect(canPlace(b, cat, { source: 'chassis', chassisId: id, label: id }, { kind: 'freeStanding' })).toEqual({ ok: true, note: 'Where it is now.' });
    b = ok(E.moveChassis(b, cat, id, b.racks[0]!.id, 10));
    expect(b.freeStanding).toBeUndefined();
    expect(b.racks[0]!.chassis[0]).toMatchObject({ id, positionU: 10, devices });
  });

  it('fresh ids do not reuse a free-standing chassis or device id', () => {
    const b = openFrame();
    // gpu-0 … gpu-3 stand on the frame's risers.
    expect(E.freshId(b, 'gpu')).toBe('gpu-4');
    expect(E.freshId(b, 'riser')).toBe('riser-4');
    expect(E.freshId(b, 'frame')).toBe('frame-2');
  });

  it('removing the last free-standing chassis leaves no empty group behind', () => {
    const b = ok(E.removeChassis(tower(), 'tower-1'));
    expect(b.freeStanding).toBeUndefined();
  });
});

describe('riser slots as drop targets', () => {
  it("a riser's outputs are listed under its host slot, and a card goes onto a free one", () => {
    const b = ok(E.removeDevice(openFrame(), cat, 'frame-1', 'gpu-3'));
    const slots = riserSlotsOf(b, cat, 'frame-1');
    expect(slots.map((s) => [s.id, s.hostSlotId])).toEqual([
      ['riser-0/a', 'slot1'],
      ['riser-1/a', 'slot3'],
      ['riser-2/a', 'slot5'],
      ['riser-3/a', 'slot7'],
    ]);
    const carry: Carry = { source: 'device', chassisId: 'frame-1', deviceId: 'gpu-2', label: 'GPU2' };
    expect(canPlace(b, cat, carry, { kind: 'slot', chassisId: 'frame-1', slot: 'riser-1/a' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^PCIE3 riser holds the GeForce RTX 3090/),
    });
    const moved = ok(place(b, cat, carry, { kind: 'slot', chassisId: 'frame-1', slot: 'riser-3/a' }));
    expect(moved.freeStanding!.chassis[0]!.devices.find((d) => d.id === 'gpu-2')!.slot).toBe('riser-3/a');
    const check = checkBuild(moved, cat, site);
    expect(check.findings.filter((f) => f.code === 'chassis.slot-taken' || f.code.startsWith('riser.slot'))).toEqual([]);
  });

  it('a riser cannot go into its own output, and removing it takes the card on it along', () => {
    const b = openFrame();
    const carry: Carry = { source: 'device', chassisId: 'frame-1', deviceId: 'riser-3', label: 'riser-3' };
    const b2 = ok(E.removeDevice(b, cat, 'frame-1', 'gpu-3'));
    expect(canPlace(b2, cat, carry, { kind: 'slot', chassisId: 'frame-1', slot: 'riser-3/a' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/slot it holds itself/),
    });
    const r = E.removeDevice(b, cat, 'frame-1', 'riser-0');
    const next = ok(r);
    expect(r.ok && r.label).toMatch(/and the card on it/);
    const c = next.freeStanding!.chassis[0]!;
    expect(c.devices.map((d) => d.id)).not.toContain('gpu-0');
    // gpu-0's bridge went with it.
    expect(c.bridges).toBeUndefined();
  });
});

describe('NVLink bridges', () => {
  it('removing and placing a bridge from the palette onto a card pairs it with a matching card', () => {
    const b = ok(E.removeBridge(openFrame(), cat, 'frame-1', 0));
    expect(b.freeStanding!.chassis[0]!.bridges).toBeUndefined();
    const v = canPlace(b, cat, palette(BRIDGE_3), { kind: 'bridge', chassisId: 'frame-1', deviceId: 'gpu-2' });
    expect(v).toEqual({ ok: true, note: expect.stringMatching(/^Joins gpu-2 and gpu-0\. .*riser/) });
    const next = ok(place(b, cat, palette(BRIDGE_3), { kind: 'bridge', chassisId: 'frame-1', deviceId: 'gpu-2' }));
    expect(next.freeStanding!.chassis[0]!.bridges).toEqual([{ partId: BRIDGE_3, devices: ['gpu-2', 'gpu-0'] }]);
    const check = checkBuild(next, cat, site);
    expect(check.bridges.map((x) => [x.deviceIds, x.pathClass])).toEqual([[['gpu-2', 'gpu-0'], 'NV4']]);
    expect(check.findings.filter((f) => f.code === 'bridge.invalid')).toEqual([]);
  });

  it('a card that already has a bridge is refused by name', () => {
    const b = openFrame();
    expect(E.addBridge(b, cat, 'frame-1', BRIDGE_3, ['gpu-1', 'gpu-2'])).toEqual({
      ok: false,
      reason: 'The GeForce RTX 3090 in output a of the PCIe 4.0 x16 riser cable in PCIE3 already has a bridge; remove it first.',
    });
  });

  it('different models are refused with the reason the checker gives', () => {
    const b = tower();
    // P40s have no NVLink connector; the 3090 has no partner of its model.
    const v = canBridge(b, cat, 'tower-1', BRIDGE_3, ['gpu-3', 'gpu-0']);
    expect(v.ok).toBe(false);
    const reason = !v.ok ? v.reason : '';
    expect(reason).toMatch(/different models/);
    // The same pair written into the file gives the checker's bridge.invalid with the same words.
    const written: Build = {
      ...b,
      freeStanding: { ...b.freeStanding!, chassis: [{ ...b.freeStanding!.chassis[0]!, bridges: [{ partId: BRIDGE_3, devices: ['gpu-3', 'gpu-0'] }] }] },
    };
    const f = checkBuild(written, cat, site).findings.find((x) => x.code === 'bridge.invalid');
    expect(f?.message).toContain('the cards are different models');
    expect(reason).toContain('the cards are different models');
    expect(canPlace(b, cat, palette(BRIDGE_3), { kind: 'bridge', chassisId: 'tower-1', deviceId: 'gpu-3' }).ok).toBe(false);
  });

  it('on a board, the slot spacing decides, as in the checker', () => {
    let b = E.emptyBuild('spacing');
    b = ok(place(b, cat, palette('chassis.generic.full-tower-eatx'), { kind: 'freeStanding' }));
    b = ok(E.setBoard(b, cat, 'tower-1', 'board.asus.pro-ws-wrx80e-sage-se'));
    for (const slot of ['slot1', 'slot2', 'slot4']) b = ok(E.placeDevice(b, cat, 'tower-1', slot, 'gpu.nvidia.rtx-3090'));
    const opts = bridgeOptions(b, cat, 'tower-1', 'gpu-1');
    const bySpacing = Object.fromEntries(opts.map((o) => [o.deviceId, o.verdict.ok]));
    // slot1 → slot4 is three positions apart: the 3-slot bridge; slot1 → slot2 is one: refused.
    expect(bySpacing).toEqual({ 'gpu-2': false, 'gpu-3': true });
    const refused = opts.find((o) => o.deviceId === 'gpu-2')!.verdict;
    expect(!refused.ok && refused.reason).toMatch(/slot positions? apart/);
  });

  it('a bridge can be selected and removed like any placed part, and moving a card to another chassis drops its bridge', () => {
    const b = openFrame();
    expect(E.placedPart(b, { kind: 'bridge', chassisId: 'frame-1', index: 0 })).toMatchObject({ partId: BRIDGE_3 });
    const removed = ok(E.removePlaced(b, cat, { kind: 'bridge', chassisId: 'frame-1', index: 0 }));
    expect(removed.freeStanding!.chassis[0]!.bridges).toBeUndefined();
  });
});

describe('moveDevice and a riser’s own slots', () => {
  // Found by the incremental-check property test: a riser moved into a slot it exposes made a loop that
  // overflowed the stack when the next edit named a slot. The edit refuses it, as canPlace does in the editor.
  it('refuses a riser into its own output, naming why, and leaves the build as it was', () => {
    const b = openFrame();
    const before = JSON.stringify(b);
    const r = E.moveDevice(b, cat, 'frame-1', 'riser-1', 'frame-1', 'riser-1/a');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/cannot go into a slot it holds itself/);
    expect(JSON.stringify(b)).toBe(before);
    // Moving the riser to a free board slot still works, and its GPU goes with it.
    const moved = E.moveDevice(b, cat, 'frame-1', 'riser-1', 'frame-1', 'slot2');
    expect(moved.ok).toBe(true);
    if (moved.ok) expect(moved.build.freeStanding!.chassis[0]!.devices.find((d) => d.id === 'gpu-1')!.slot).toBe('riser-1/a');
  });
});
