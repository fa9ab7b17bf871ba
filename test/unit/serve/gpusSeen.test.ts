// "What runs on this build" counts the GPUs the OS would see: free-standing
// towers and frames too, and each GPU of a dual-GPU card.
import { describe, expect, it } from 'vitest';
import { exampleBuild } from '#core/build/examples';
import { siteOf } from '#core/build/site';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { indexCatalog } from '#core/check/catalog';
import { gpusSeen } from '#core/build/gpusSeen';

const catalog = indexCatalog(builtinParts);
const seen = (id: string) => {
  const b = exampleBuild(id)!.build;
  return gpusSeen(b, catalog, checkBuild(b, catalog, siteOf(b, null).site).lanes.devices);
};

describe('gpusSeen', () => {
  it('counts the GPUs of a tower that stands outside any rack', () => expect(seen('tower-wrx80-3xp40-1x3090')).toBe(4));
  it('counts both GPUs of each Tesla K80', () => expect(seen('k80-x4')).toBe(8));
  it('counts a racked server as before', () => expect(seen('sys-4028gr-x10drg')).toBe(8));
});
