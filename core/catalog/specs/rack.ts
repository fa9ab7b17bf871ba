import { z } from 'zod';
import { count, qty, text } from '../fields';

// A rack or rack enclosure: the U budget and the depth a chassis must fit in.
export const RackSpecs = z.strictObject({
  heightU: count(),
  /** Outer depth; the usable rail depth is usually less. */
  depthMm: qty(),
  widthMm: qty(),
  maxLoadKg: qty(),
  kind: z.enum(['open-frame-2post', 'open-frame-4post', 'enclosure', 'wall-mount']).nullable(),
  railStandard: text(),
});
export type RackSpecs = z.infer<typeof RackSpecs>;
