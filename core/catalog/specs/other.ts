import { z } from 'zod';

// Anything else (fans, brackets, KVMs): free-form notes only, no computed facts.
export const OtherSpecs = z.strictObject({
  description: z.string().nullable(),
  powerW: z.number().nonnegative().nullable(),
});
export type OtherSpecs = z.infer<typeof OtherSpecs>;
