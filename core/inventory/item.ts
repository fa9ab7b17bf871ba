// One inventory item: a physical thing (or a quantity of identical ones) of a
// catalog part, with where it came from and what it cost. Money is integer
// minor units in the item's one currency; price, shipping, tax and fees are PER
// UNIT, so the landed cost is (price + shipping + tax + fees) × quantity plus
// the item's share of its order's shipping and tax (core/inventory/orders.ts).
// Unknown amounts are null, never 0.
import { z } from 'zod';
import { CurrencyCode, formatAmountPlain, minorDigits } from '../money';
import { parseTypedAmount } from './amount';
import type { FieldIssue } from '../issues';
import { ItemStatus, ITEM_STATUSES } from './status';
import { IsoDate, isIsoDate } from './dates';
import { ebayItemNumber, parseWebUrl } from './ebay';
import { controlMessage, isTimestamp } from './text';

/** eBay's common return period: the default when the seller's is not entered. */
export const DEFAULT_RETURN_DAYS = 30;
export const MAX_RETURN_DAYS = 3650;
export const TEST_RESULTS = ['passed', 'failed'] as const;
export const TestResult = z.enum(TEST_RESULTS);
export type TestResult = z.infer<typeof TestResult>;

/** Longest accepted text per field: generous, but a paste of a whole web page is a mistake. */
export const MAX_LENGTH = {
  partId: 200,
  seller: 200,
  listingUrl: 2000,
  orderNumber: 100,
  condition: 100,
  serialNumber: 200,
  notes: 10_000,
  testNote: 2000,
  title: 500,
  externalId: 200,
} as const;

/** A stored text field: its length cap and no control characters (the same rule the draft check applies). */
function storedText(field: keyof typeof MAX_LENGTH) {
  return z
    .string()
    .max(MAX_LENGTH[field], `must be at most ${MAX_LENGTH[field].toLocaleString('en-US')} characters`)
    .superRefine((v, ctx) => {
      const m = controlMessage('The text', v);
      if (m) ctx.addIssue({ code: 'custom', message: m });
    })
    .nullable();
}

/**
 * The stored-field rules of `storedText` and the URL / item-number checks,
 * without zod: the import checks every row with it, and a schema parse per row
 * costs more than writing the row. Issues carry the field names as paths.
 */
export function storedFieldIssues(fields: ItemFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ['seller', 'listingUrl', 'orderNumber', 'condition', 'serialNumber', 'notes', 'testNote', 'title', 'externalId'] as const) {
    const value = fields[field];
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') issues.push({ path: field, message: `${field} must be text` });
    else if (value.length > MAX_LENGTH[field])
      issues.push({ path: field, message: `${field} must be at most ${MAX_LENGTH[field].toLocaleString('en-US')} characters` });
    else {
      const control = controlMessage(field, value);
      if (control) issues.push({ path: field, message: control });
    }
  }
  if (typeof fields.listingUrl === 'string' && parseWebUrl(fields.listingUrl) === null)
    issues.push({ path: 'listingUrl', message: 'listingUrl must be an http(s) web address' });
  if (fields.ebayItemNumber !== null && fields.ebayItemNumber !== undefined && !/^\d{9,14}$/.test(fields.ebayItemNumber))
    issues.push({ path: 'ebayItemNumber', message: 'ebayItemNumber must be an eBay item number (9 to 14 digits)' });
  if (!ITEM_STATUSES.includes(fields.status)) issues.push({ path: 'status', message: `status must be one of: ${ITEM_STATUSES.join(', ')}` });
  if (!Number.isSafeInteger(fields.quantity) || fields.quantity < 1) issues.push({ path: 'quantity', message: 'quantity must be a whole number, 1 or more' });
  return issues;
}

/** What a stored item looks like everywhere (API results, export). */
export const InventoryItem = z.object({
  id: z.string().min(1),
  partId: z.string().min(1),
  quantity: z.number().int().min(1),
  status: ItemStatus,
  currency: CurrencyCode,
  /** Per unit, minor units of `currency`; null = not known yet. */
  priceMinor: z.number().int().nonnegative().safe().nullable(),
  shippingMinor: z.number().int().nonnegative().safe().nullable(),
  taxMinor: z.number().int().nonnegative().safe().nullable(),
  seller: storedText('seller'),
  listingUrl: storedText('listingUrl').refine((u) => u === null || parseWebUrl(u) !== null, 'must be an http(s) web address'),
  /** Derived from listingUrl; null when the URL is not an eBay listing. */
  ebayItemNumber: z
    .string()
    .regex(/^\d{9,14}$/, 'must be an eBay item number (9 to 14 digits)')
    .nullable(),
  orderNumber: storedText('orderNumber'),
  orderedOn: IsoDate.nullable(),
  receivedOn: IsoDate.nullable(),
  returnBy: IsoDate.nullable(),
  condition: storedText('condition'),
  serialNumber: storedText('serialNumber'),
  notes: storedText('notes'),
  /** Per unit, minor units of `currency` (e.g. payment or import fees); null = none known. */
  feesMinor: z.number().int().nonnegative().safe().nullable().default(null),
  /** Exchange rate fixed at purchase: 1 `currency` = fxRate `fxCurrency`; null = not recorded. */
  fxRate: z.number().positive().finite().nullable().default(null),
  fxCurrency: CurrencyCode.nullable().default(null),
  /** The seller's return period in days; null = the default (DEFAULT_RETURN_DAYS). */
  returnDays: z.number().int().min(0).max(MAX_RETURN_DAYS).nullable().default(null),
  /** Outcome of testing (memtest, burn-in): passed / failed, with a note. */
  testResult: TestResult.nullable().default(null),
  testNote: storedText('testNote').default(null),
  /** The listing title as the seller wrote it ("… – très bon état"), kept from an import or typed. */
  title: storedText('title').default(null),
  /**
   * What identifies the purchase outside the app, so a re-import finds it:
   * "ebay:<order number>:<item number>", or the template's external_id column.
   */
  externalId: storedText('externalId').default(null),
  /** ISO 8601 timestamps (UTC). */
  createdAt: z.string().refine(isTimestamp, 'must be an ISO 8601 timestamp like 2024-05-31T12:00:00.000Z'),
  updatedAt: z.string().refine(isTimestamp, 'must be an ISO 8601 timestamp like 2024-05-31T12:00:00.000Z'),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

/** The catalog part's label, carried with each item for display. */
export const PartLabel = z.object({
  category: z.string(),
  vendor: z.string(),
  model: z.string(),
});
export type PartLabel = z.infer<typeof PartLabel>;

/**
 * An item as lists and forms show it: the item plus its part's label and what
 * the database derives: its line shares of the order's shipping and tax, and the
 * return deadline (return-by date, else received date + return period).
 */
export const InventoryItemView = InventoryItem.extend({
  part: PartLabel,
  orderShippingMinor: z.number().int().nonnegative().nullable().default(null),
  orderTaxMinor: z.number().int().nonnegative().nullable().default(null),
  returnDeadline: IsoDate.nullable().default(null),
});
export type InventoryItemView = z.infer<typeof InventoryItemView>;

/** The editable fields after validation (what the database stores besides id and timestamps). */
export type ItemFields = Omit<InventoryItem, 'id' | 'createdAt' | 'updatedAt'>;

/** Fields of ItemFields added after the first release; absent ones read as null (older callers). */
export const LIFECYCLE_DEFAULTS = {
  feesMinor: null,
  fxRate: null,
  fxCurrency: null,
  returnDays: null,
  testResult: null,
  testNote: null,
  title: null,
  externalId: null,
} as const;

/** Conditions eBay sellers use; the field is free text, these are suggestions. */
export const ITEM_CONDITIONS = ['New', 'Open box', 'Used', 'Refurbished', 'For parts or not working'] as const;

const text = z.string().nullable().optional();

/**
 * A draft as a form, a CSV row or the CLI sends it: everything is text as the
 * person typed it (amounts in major units, "129.99"), only shapes are checked
 * here. `validateItemDraft` turns it into ItemFields or field messages.
 */
export const ItemDraft = z
  .object({
    partId: z.string().optional(),
    quantity: z.union([z.number(), z.string()]).optional(),
    status: z.string().optional(),
    currency: z.string().optional(),
    price: text,
    shipping: text,
    tax: text,
    seller: text,
    listingUrl: text,
    orderNumber: text,
    orderedOn: text,
    receivedOn: text,
    returnBy: text,
    condition: text,
    serialNumber: text,
    notes: text,
    fees: text,
    /** "1.0843": 1 unit of `currency` in `fxCurrency`, fixed at purchase. */
    fxRate: text,
    fxCurrency: text,
    returnDays: z.union([z.number(), z.string()]).nullable().optional(),
    testResult: text,
    testNote: text,
    title: text,
    externalId: text,
  })
  .strict();
export type ItemDraft = z.infer<typeof ItemDraft>;
export type ItemDraftField = keyof ItemDraft;

export const DEFAULT_CURRENCY = 'USD';

const LABEL: Record<ItemDraftField, string> = {
  partId: 'Part',
  quantity: 'Quantity',
  status: 'Status',
  currency: 'Currency',
  price: 'Price',
  shipping: 'Shipping',
  tax: 'Tax',
  seller: 'Seller',
  listingUrl: 'Listing URL',
  orderNumber: 'Order number',
  orderedOn: 'Ordered date',
  receivedOn: 'Received date',
  returnBy: 'Return-by date',
  condition: 'Condition',
  serialNumber: 'Serial number',
  notes: 'Notes',
  fees: 'Fees',
  fxRate: 'Exchange rate',
  fxCurrency: 'Rate converts to',
  returnDays: 'Return period',
  testResult: 'Test result',
  testNote: 'Test note',
  title: 'Listing title',
  externalId: 'External id',
};

export type DraftResult = { ok: true; value: ItemFields } | { ok: false; issues: FieldIssue[] };

/** Blank → null; single-line fields are trimmed, notes are kept verbatim. */
function blankToNull(value: string | null | undefined, trim = true): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return trim ? value.trim() : value;
}

/**
 * Checks a draft and converts it to stored fields. Messages are written to sit
 * next to the form field ("Price must be a number like 129.99"); paths are the
 * draft's field names.
 */
/**
 * Fields that validateItemDraft produced, so the write that follows need not
 * check them again (one validation per row; the stored-field check is for
 * fields that came another way, e.g. a restore). Identity, not content: a
 * copy or spread of them is checked again.
 */
const validated = new WeakSet<object>();
export function isValidatedFields(fields: ItemFields): boolean {
  return validated.has(fields);
}

export function validateItemDraft(draft: ItemDraft): DraftResult {
  const issues: FieldIssue[] = [];
  const fail = (path: ItemDraftField, message: string): null => {
    issues.push({ path, message });
    return null;
  };

  const partId = blankToNull(draft.partId) ?? fail('partId', 'Choose a part');
  if (partId !== null && partId.length > MAX_LENGTH.partId) fail('partId', 'Choose a part from the list');

  let quantity: number | null = 1;
  if (draft.quantity !== undefined && !(typeof draft.quantity === 'string' && draft.quantity.trim() === '')) {
    const n = typeof draft.quantity === 'number' ? draft.quantity : /^\s*\d+\s*$/.test(draft.quantity) ? Number(draft.quantity) : NaN;
    quantity = Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : fail('quantity', 'Quantity must be a whole number, 1 or more');
  }

  const statusText = blankToNull(draft.status) ?? 'wishlist';
  const status = ItemStatus.safeParse(statusText);
  if (!status.success) fail('status', `Status must be one of: ${ITEM_STATUSES.join(', ')}`);

  const currencyText = (blankToNull(draft.currency) ?? DEFAULT_CURRENCY).toUpperCase();
  const currencyOk = CurrencyCode.safeParse(currencyText).success;
  if (!currencyOk) fail('currency', 'Currency must be a 3-letter code like USD or EUR');
  const currency = currencyOk ? currencyText : DEFAULT_CURRENCY;

  const amount = (field: 'price' | 'shipping' | 'tax' | 'fees'): number | null => {
    const typed = blankToNull(draft[field]);
    if (typed === null) return null;
    const example = formatAmountPlain(12999, currency);
    const parsed = parseTypedAmount(typed, currency);
    if (!parsed.ok) {
      const digits = minorDigits(currency);
      if (parsed.reason === 'ambiguous') {
        return fail(
          field,
          `${LABEL[field]} "${typed.trim()}" could be read two ways: write ${typed.trim().replace('.', '')} for the whole amount, or use at most ${digits} decimals`,
        );
      }
      const why = parsed.reason === 'too-precise' ? (digits === 0 ? ` (${currency} has no cents)` : ` (at most ${digits} decimals)`) : '';
      return fail(field, `${LABEL[field]} must be a number like ${example}${why}`);
    }
    const minor = parsed.minor;
    if (minor < 0) return fail(field, `${LABEL[field]} cannot be negative`);
    if (minor > 1e13) return fail(field, `${LABEL[field]} is too large`);
    return minor;
  };
  const priceMinor = amount('price');
  const shippingMinor = amount('shipping');
  const taxMinor = amount('tax');
  const feesMinor = amount('fees');

  const limited = (field: 'seller' | 'orderNumber' | 'condition' | 'serialNumber' | 'notes' | 'testNote' | 'title' | 'externalId'): string | null => {
    const value = blankToNull(draft[field], field !== 'notes');
    if (value === null) return null;
    const control = controlMessage(LABEL[field], value);
    if (control) return fail(field, control);
    if (value.length > MAX_LENGTH[field]) return fail(field, `${LABEL[field]} must be at most ${MAX_LENGTH[field].toLocaleString('en-US')} characters`);
    return value;
  };
  const seller = limited('seller');
  const orderNumber = limited('orderNumber');
  const condition = limited('condition');
  const serialNumber = limited('serialNumber');
  const notes = limited('notes');
  const testNote = limited('testNote');
  const title = limited('title');
  const externalId = limited('externalId');
  for (const field of [
    'partId',
    'currency',
    'status',
    'fxCurrency',
    'price',
    'shipping',
    'tax',
    'fees',
    'fxRate',
    'listingUrl',
    'orderedOn',
    'receivedOn',
    'returnBy',
    'testResult',
  ] as const) {
    const value = draft[field];
    const control = typeof value === 'string' ? controlMessage(LABEL[field], value) : null;
    if (control && !issues.some((i) => i.path === field)) fail(field, control);
  }

  let testResult: TestResult | null = null;
  const testText = blankToNull(draft.testResult);
  if (testText !== null) {
    const parsedResult = TestResult.safeParse(testText.toLowerCase());
    if (parsedResult.success) testResult = parsedResult.data;
    else fail('testResult', 'Test result must be passed or failed (or left empty)');
  }

  let returnDays: number | null = null;
  if (draft.returnDays !== undefined && draft.returnDays !== null && !(typeof draft.returnDays === 'string' && draft.returnDays.trim() === '')) {
    const n = typeof draft.returnDays === 'number' ? draft.returnDays : /^\s*\d+\s*$/.test(draft.returnDays) ? Number(draft.returnDays) : NaN;
    returnDays =
      Number.isSafeInteger(n) && n >= 0 && n <= MAX_RETURN_DAYS
        ? n
        : fail('returnDays', `Return period must be a whole number of days, 0 to ${MAX_RETURN_DAYS}`);
  }

  let fxRate: number | null = null;
  let fxCurrency: string | null = null;
  const rateText = blankToNull(draft.fxRate);
  if (rateText !== null) {
    fxRate = parseRate(rateText);
    if (fxRate === null) fail('fxRate', 'Exchange rate must be a positive number like 1.0843');
  }
  const fxCurrencyText = blankToNull(draft.fxCurrency);
  if (fxCurrencyText !== null) {
    const code = fxCurrencyText.toUpperCase();
    if (CurrencyCode.safeParse(code).success) fxCurrency = code;
    else fail('fxCurrency', 'Rate currency must be a 3-letter code like USD');
  }
  if (fxRate !== null && fxCurrency === null && fxCurrencyText === null) fail('fxCurrency', 'Say which currency the exchange rate converts to');

  let listingUrl = blankToNull(draft.listingUrl);
  if (listingUrl !== null) {
    if (listingUrl.length > MAX_LENGTH.listingUrl || parseWebUrl(listingUrl) === null) {
      listingUrl = fail('listingUrl', 'Listing URL must be a web address like https://www.ebay.com/itm/123456789012');
    }
  }

  const date = (field: 'orderedOn' | 'receivedOn' | 'returnBy'): string | null => {
    const value = blankToNull(draft[field]);
    if (value === null) return null;
    return isIsoDate(value) ? value : fail(field, `${LABEL[field]} must be a date like 2024-05-31`);
  };
  const orderedOn = date('orderedOn');
  const receivedOn = date('receivedOn');
  const returnBy = date('returnBy');
  if (orderedOn !== null && receivedOn !== null && receivedOn < orderedOn) fail('receivedOn', 'Received date is before the ordered date');

  if (issues.length > 0 || partId === null || quantity === null || !status.success) return { ok: false, issues };
  const value: ItemFields = {
    partId,
    quantity,
    status: status.data,
    currency,
    priceMinor,
    shippingMinor,
    taxMinor,
    seller,
    listingUrl,
    ebayItemNumber: listingUrl === null ? null : ebayItemNumber(listingUrl),
    orderNumber,
    orderedOn,
    receivedOn,
    returnBy,
    condition,
    serialNumber,
    notes,
    feesMinor,
    fxRate: fxRate === null || fxCurrency === null ? null : fxRate,
    fxCurrency: fxRate === null ? null : fxCurrency,
    returnDays,
    testResult,
    testNote,
    title,
    externalId,
  };
  validated.add(value);
  return { ok: true, value };
}

/** An exchange rate as typed: "1.0843", "1,0843", "0.0067"; positive and finite, else null. */
export function parseRate(text: string): number | null {
  let t = text.trim();
  if (/^\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 && n < 1e12 ? n : null;
}

/** The draft a form starts from when editing `item` (amounts back to text in the item's currency). */
export function itemToDraft(item: ItemFields): Required<ItemDraft> {
  const amount = (minor: number | null) => (minor === null ? null : formatAmountPlain(minor, item.currency));
  return {
    partId: item.partId,
    quantity: item.quantity,
    status: item.status,
    currency: item.currency,
    price: amount(item.priceMinor),
    shipping: amount(item.shippingMinor),
    tax: amount(item.taxMinor),
    seller: item.seller,
    listingUrl: item.listingUrl,
    orderNumber: item.orderNumber,
    orderedOn: item.orderedOn,
    receivedOn: item.receivedOn,
    returnBy: item.returnBy,
    condition: item.condition,
    serialNumber: item.serialNumber,
    notes: item.notes,
    fees: amount(item.feesMinor ?? null),
    fxRate: item.fxRate === null || item.fxRate === undefined ? null : String(item.fxRate),
    fxCurrency: item.fxCurrency ?? null,
    returnDays: item.returnDays ?? null,
    testResult: item.testResult ?? null,
    testNote: item.testNote ?? null,
    title: item.title ?? null,
    externalId: item.externalId ?? null,
  };
}

/**
 * Applies `changes` to an existing item's fields. Amounts not in `changes`
 * keep their minor units while the currency stays; when the currency changes,
 * they are read again as the text the form shows (129.99 stays 129.99), and a
 * text the new currency cannot hold (cents in JPY) is a field error.
 */
export function applyItemChanges(current: ItemFields, changes: ItemDraft): DraftResult {
  const draft: ItemDraft = { ...itemToDraft(current), ...changes };
  const currencyChanged = changes.currency !== undefined && (blankToNull(changes.currency) ?? DEFAULT_CURRENCY).toUpperCase() !== current.currency;
  const untouched = (['price', 'shipping', 'tax', 'fees'] as const).filter((f) => changes[f] === undefined);
  if (!currencyChanged) for (const f of untouched) draft[f] = null;
  const result = validateItemDraft(draft);
  if (!result.ok || currencyChanged) return result;
  const value = { ...result.value };
  for (const f of untouched) value[`${f}Minor`] = current[`${f}Minor`] ?? null;
  return { ok: true, value };
}
