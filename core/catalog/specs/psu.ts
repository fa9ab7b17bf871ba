// PSUs. Output depends on mains voltage: many 2000 W server PSUs give ~1000 W on
// 100–127 V. Low line is its own field and stays null until sourced — never
// assume the high-line rating.
import { z } from 'zod';
import { qty, text } from '../fields';

export const PsuSpecs = z.strictObject({
  /** Headline output at 200–240 V. */
  ratedOutputHighLineW: qty(),
  /** Output at 100–127 V; 0 = will not run on low line (e.g. Dell Titanium); null = not known. */
  ratedOutputLowLineW: qty(),
  /** Output by input-voltage band when the datasheet gives steps. */
  outputByInput: z.array(z.strictObject({ minVolts: z.number().positive(), maxVolts: z.number().positive(), outputW: z.number().nonnegative() })).nullable(),
  efficiency: z.enum(['80plus', '80plus-bronze', '80plus-silver', '80plus-gold', '80plus-platinum', '80plus-titanium']).nullable(),
  formFactor: z.enum(['atx', 'sfx', 'server-redundant-module', 'crps', 'other']).nullable(),
  /** Mains inlet, e.g. C14, C20. */
  inlet: text(),
  /** DC-side connectors for ATX units; null = unknown or not applicable (server modules plug into a backplane). */
  connectors: z.array(z.strictObject({ kind: z.string().min(1), count: z.number().int().positive() })).nullable(),
  /** Maximum input current at low line (sizes the branch circuit). */
  maxInputAmpsLowLine: qty(),
  maxInputAmpsHighLine: qty(),
});
export type PsuSpecs = z.infer<typeof PsuSpecs>;
