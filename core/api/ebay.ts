// Channels of the optional eBay Trading API import: whether keys are stored
// (and where: the OS keychain in the desktop app, this session's memory in the
// browser host), store or forget them, and fetch one page of GetOrders
// (OrderRole=Buyer). The page's XML is read by core/import like a saved
// GetOrders file, so the preview is the same as for every other import. The
// keys never come back out through the API.
import { z } from 'zod';
import { endpoint } from './endpoint';

/** eBay keeps a buyer's orders for GetOrders for 90 days. */
export const GET_ORDERS_MAX_DAYS = 90;
/** The most pages one fetch may walk (100 orders a page). */
export const GET_ORDERS_MAX_PAGES = 50;

// Application keys as eBay's developer portal shows them (App ID "Name-App-PRD-…",
// Dev ID a UUID, Cert ID "PRD-…"): printable, no spaces, bounded.
const Key = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(200, `${what} is longer than any eBay key (200 characters at most)`)
    .regex(/^[\x21-\x7e]*$/, `${what} must be the key as eBay shows it: letters, digits and dashes, no spaces`);

export const EbayKeysArg = z
  .object({
    appId: Key('App ID'),
    devId: Key('Dev ID'),
    certId: Key('Cert ID'),
    // An Auth'n'Auth user token: base64, up to 2 KB, characters a–z A–Z 0–9 * / +
    // (https://developer.ebay.com/api-docs/static/understand_auth_n_auth_tokens.html).
    token: z
      .string()
      .trim()
      .min(20, 'The user token is too short to be an eBay Auth’n’Auth token')
      .max(4096, 'The user token is longer than eBay’s 2 KB tokens')
      .regex(/^[A-Za-z0-9*/+=]*$/, 'The user token may only hold a–z, A–Z, 0–9, *, / and + (copy it whole, without spaces or line breaks)'),
  })
  .strict();
export type EbayKeysArg = z.infer<typeof EbayKeysArg>;

export const EbayKeyStatus = z.object({
  stored: z.boolean(),
  /** keychain: encrypted with the OS keychain (desktop app); session: kept in memory until the host stops (browser host); unavailable: cannot be kept at all. */
  storage: z.enum(['keychain', 'session', 'unavailable']),
  /** The App ID's first characters, so the person sees which keys are stored; null when none. */
  appIdHint: z.string().nullable(),
});
export type EbayKeyStatus = z.infer<typeof EbayKeyStatus>;

export const GetOrdersPage = z.object({
  page: z.number().int().min(1),
  /** From PaginationResult; null when eBay did not say. */
  totalPages: z.number().int().min(0).nullable(),
  hasMore: z.boolean(),
  /** Orders on this page. */
  orders: z.number().int().min(0),
  /** The response as eBay sent it, read by the import like a saved GetOrders file. */
  xml: z.string(),
});
export type GetOrdersPage = z.infer<typeof GetOrdersPage>;

export const ebayEndpoints = {
  'ebay:keys': endpoint('Whether eBay developer keys are stored, and where (never the keys themselves).', z.object({}).strict(), EbayKeyStatus),
  'ebay:saveKeys': endpoint(
    'Stores eBay developer keys and a user token (desktop: OS keychain; browser host: memory, this session only).',
    EbayKeysArg,
    EbayKeyStatus,
  ),
  'ebay:forgetKeys': endpoint('Removes the stored eBay keys.', z.object({}).strict(), EbayKeyStatus),
  'ebay:fetchOrders': endpoint(
    "One page of the buyer's orders from eBay's Trading API (GetOrders, OrderRole=Buyer). eBay's own error codes come back as REMOTE with the code in the message.",
    z
      .object({
        page: z.number().int().min(1).max(GET_ORDERS_MAX_PAGES).default(1),
        days: z.number().int().min(1).max(GET_ORDERS_MAX_DAYS).default(GET_ORDERS_MAX_DAYS),
      })
      .strict(),
    GetOrdersPage,
  ),
};
