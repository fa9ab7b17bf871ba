// A note the user's data adds to a part without changing it: when a NetBox
// file names a built-in model and the built-in is kept, what the file says
// that the built-in does not is kept here, with the file as its source. One
// note per part and source (importing the same file again replaces it).
import { z } from 'zod';

export const PartNote = z.object({
  partId: z.string().min(1).max(120),
  /** Where the facts come from: a NetBox library path ("device-types/Dell/PowerEdge-R740.yaml") or the file's name. */
  source: z.string().min(1).max(1000),
  /** A link to the source, when it has one (the file in the upstream library). */
  sourceUrl: z.string().max(2000).nullable(),
  text: z.string().min(1).max(5000),
  /** ISO time the note was written. */
  createdAt: z.string(),
});
export type PartNote = z.infer<typeof PartNote>;
