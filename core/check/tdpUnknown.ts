// A TDP no source gives is unknown, never a guess: the checker leaves the part
// out of its power sums (which then read as lower bounds, "≥") and says the
// budget went unchecked; the estimate says its draw at load is unknown. One
// rule, one sentence, for both.
import { listText } from '../words';

/** The distinct names of the parts whose TDP is unknown, in first-seen order. */
export function unknownTdpNames(parts: readonly { name: string; tdpW: number | null }[]): string[] {
  return [...new Set(parts.filter((p) => p.tdpW === null).map((p) => p.name))];
}

/** "the TDP of Tesla X is not known" for those names; null when every TDP is known. */
export function tdpUnknownText(names: readonly string[]): string | null {
  return names.length ? `the TDP of ${listText(names)} ${names.length === 1 ? 'is' : 'are'} not known` : null;
}
