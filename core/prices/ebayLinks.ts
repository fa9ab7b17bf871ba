// "Find on eBay" and "Sold listings on eBay": search URLs built from a part's
// model and aliases (eBay's "(a, b)" syntax matches any of them). They open
// through the app's link policy (eBay hosts only), like listing URLs.
export interface SearchablePart {
  vendor: string;
  model: string;
  aliases: readonly string[];
}

/** The search words: the model, or "(model, alias, …)" when people also call it something else. */
export function ebayQuery(part: SearchablePart): string {
  const names = [...new Set([part.model, ...part.aliases].map((n) => n.trim()).filter(Boolean))];
  // Short aliases ("P40", "3090") match too much on their own; keep names of 5+ characters when there are several.
  const useful = names.length > 1 ? names.filter((n) => n.length >= 5) : names;
  const list = useful.length ? useful : names;
  return list.length === 1 ? list[0]! : `(${list.join(', ')})`;
}

export function ebaySearchUrls(part: SearchablePart, host = 'www.ebay.com'): { find: string; sold: string } {
  const q = encodeURIComponent(ebayQuery(part));
  const base = `https://${host}/sch/i.html?_nkw=${q}`;
  return { find: base, sold: `${base}&LH_Sold=1&LH_Complete=1` };
}
