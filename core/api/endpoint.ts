// One endpoint of the API contract: an argument schema checked at the host
// boundary and a result schema the renderer's client parses before use.
import type { z } from 'zod';

export interface Endpoint<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** One line for docs and error messages. */
  summary: string;
}

export function endpoint<A extends z.ZodType, R extends z.ZodType>(summary: string, args: A, result: R): Endpoint<A, R> {
  return { summary, args, result };
}
