// The drawer's form state: the draft as typed, field errors from the same
// validation the backend runs (instant) and from the backend's VALIDATION
// issues (mapped to fields by path), and the save call.
import type { ApiClient } from '../../lib/api/client';
import { ApiClientError, errorMessage } from '../../lib/api/client';
import { DEFAULT_CURRENCY, validateItemDraft, type ItemDraft, type ItemDraftField, type InventoryItemView } from '#core/inventory/item';
import { ebayItemNumber, parseWebUrl } from '#core/inventory/ebay';
import { formatAmountPlain } from '#core/money';
import { parseTypedAmount } from '#core/inventory/amount';
import type { ItemStatus } from '#core/inventory/status';

/** Every draft field as the form holds it: plain strings. */
/** The external id is not edited in the form (an import sets it), so an edit never clears it. */
export type FormDraft = Record<Exclude<ItemDraftField, 'externalId'>, string>;

export const FIELDS: readonly Exclude<ItemDraftField, 'externalId'>[] = [
  'partId',
  'title',
  'quantity',
  'status',
  'price',
  'shipping',
  'tax',
  'currency',
  'seller',
  'listingUrl',
  'orderNumber',
  'orderedOn',
  'receivedOn',
  'returnBy',
  'condition',
  'serialNumber',
  'notes',
  'fees',
  'fxRate',
  'fxCurrency',
  'returnDays',
  'testResult',
  'testNote',
];

export function blankDraft(status: ItemStatus = 'wishlist', currency = DEFAULT_CURRENCY): FormDraft {
  const draft = Object.fromEntries(FIELDS.map((f) => [f, ''])) as FormDraft;
  draft.quantity = '1';
  draft.status = status;
  draft.currency = currency;
  return draft;
}

export function draftFromItem(item: InventoryItemView): FormDraft {
  const amount = (minor: number | null) => (minor === null ? '' : formatAmountPlain(minor, item.currency));
  return {
    partId: item.partId,
    quantity: String(item.quantity),
    status: item.status,
    currency: item.currency,
    price: amount(item.priceMinor),
    shipping: amount(item.shippingMinor),
    tax: amount(item.taxMinor),
    seller: item.seller ?? '',
    listingUrl: item.listingUrl ?? '',
    orderNumber: item.orderNumber ?? '',
    orderedOn: item.orderedOn ?? '',
    receivedOn: item.receivedOn ?? '',
    returnBy: item.returnBy ?? '',
    condition: item.condition ?? '',
    serialNumber: item.serialNumber ?? '',
    notes: item.notes ?? '',
    fees: amount(item.feesMinor),
    fxRate: item.fxRate === null ? '' : String(item.fxRate),
    fxCurrency: item.fxCurrency ?? '',
    returnDays: item.returnDays === null ? '' : String(item.returnDays),
    testResult: item.testResult ?? '',
    testNote: item.testNote ?? '',
    title: item.title ?? '',
  };
}

/** A backend issue path ("price", "changes.price", "draft.listingUrl") → the form field it belongs to. */
export function fieldOfPath(path: string): ItemDraftField | null {
  const segments = path.split('.').reverse();
  for (const s of segments) if ((FIELDS as readonly string[]).includes(s)) return s as ItemDraftField;
  return null;
}

export type ListingPreview = { kind: 'none' } | { kind: 'ebay'; itemNumber: string } | { kind: 'plain' } | { kind: 'invalid' };

export class ItemEditor {
  readonly api: ApiClient;
  readonly editing: InventoryItemView | null;
  draft = $state<FormDraft>(blankDraft());
  /** Fields the person has left (blur) since opening; their client-side errors show. */
  touched = $state<Partial<Record<ItemDraftField, true>>>({});
  submitted = $state(false);
  serverErrors = $state<Partial<Record<ItemDraftField, string>>>({});
  formError = $state<string | null>(null);
  saving = $state(false);
  /** Goes into the status history with a status change ("memtest86 4 passes"). */
  statusNote = $state('');
  statusChanged = $derived.by(() => this.editing !== null && this.draft.status !== this.editing.status);

  clientErrors = $derived.by(() => {
    const result = validateItemDraft(this.#withRateCurrency(this.draft as ItemDraft));
    const errors: Partial<Record<ItemDraftField, string>> = {};
    if (!result.ok)
      for (const issue of result.issues) {
        const field = fieldOfPath(issue.path);
        if (field && !errors[field]) errors[field] = issue.message;
      }
    return errors;
  });

  /** What is shown next to each field: the backend's word first, then the instant check once touched. */
  errors = $derived.by(() => {
    const shown: Partial<Record<ItemDraftField, string>> = {};
    for (const field of FIELDS) {
      const message = this.serverErrors[field] ?? (this.submitted || this.touched[field] ? this.clientErrors[field] : undefined);
      if (message) shown[field] = message;
    }
    return shown;
  });

  listingPreview = $derived.by((): ListingPreview => {
    const url = this.draft.listingUrl.trim();
    if (url === '') return { kind: 'none' };
    if (parseWebUrl(url) === null) return { kind: 'invalid' };
    const itemNumber = ebayItemNumber(url);
    return itemNumber ? { kind: 'ebay', itemNumber } : { kind: 'plain' };
  });

  /** Shipping / tax left blank (and no order share): the landed total is then a lower bound, shown "≥". */
  landedUnknowns = $derived.by((): string[] => {
    const share = this.editing && this.editing.orderNumber === (this.draft.orderNumber.trim() || null) ? this.editing : null;
    const out: string[] = [];
    if (this.draft.shipping.trim() === '' && (share?.orderShippingMinor ?? null) === null) out.push('shipping');
    if (this.draft.tax.trim() === '' && (share?.orderTaxMinor ?? null) === null) out.push('tax');
    return out;
  });

  /** (price + shipping + tax) × quantity of what is typed, or null when the price is not a number yet. */
  landedPreviewMinor = $derived.by((): number | null => {
    const currency = this.draft.currency.trim().toUpperCase() || DEFAULT_CURRENCY;
    // The same reading the validation (and the backend) applies to typed amounts.
    const read = (text: string) => {
      const parsed = parseTypedAmount(text, currency);
      return parsed.ok ? parsed.minor : null;
    };
    const part = (text: string) => (text.trim() === '' ? 0 : read(text));
    const price = this.draft.price.trim() === '' ? null : read(this.draft.price);
    const shipping = part(this.draft.shipping);
    const tax = part(this.draft.tax);
    const fees = part(this.draft.fees);
    const qty = /^\s*\d+\s*$/.test(this.draft.quantity) ? Number(this.draft.quantity) : NaN;
    if (price === null || shipping === null || tax === null || fees === null || !Number.isSafeInteger(qty) || qty < 1) return null;
    // The order's shares stay as stored until the order is saved again.
    const shares =
      this.editing && this.editing.orderNumber === (this.draft.orderNumber.trim() || null)
        ? (this.editing.orderShippingMinor ?? 0) + (this.editing.orderTaxMinor ?? 0)
        : 0;
    return (price + shipping + tax + fees) * qty + shares;
  });

  constructor(
    api: ApiClient,
    editing: InventoryItemView | null,
    initial?: Partial<FormDraft>,
    readonly baseCurrency = 'USD',
  ) {
    this.api = api;
    this.editing = editing;
    this.draft = { ...(editing ? draftFromItem(editing) : blankDraft()), ...initial };
  }

  /** A rate without its currency means "to my currency" (Settings). */
  #withRateCurrency(draft: ItemDraft): ItemDraft {
    return draft.fxRate && !draft.fxCurrency?.trim() ? { ...draft, fxCurrency: this.baseCurrency } : draft;
  }

  set(field: Exclude<ItemDraftField, 'externalId'>, value: string): void {
    this.draft[field] = value;
    if (this.serverErrors[field]) {
      const rest = { ...this.serverErrors };
      delete rest[field];
      this.serverErrors = rest;
    }
  }

  touch(field: ItemDraftField): void {
    if (!this.touched[field]) this.touched = { ...this.touched, [field]: true };
  }

  /** First field with an error, in form order (focus goes there after a failed save). */
  firstErrorField(): ItemDraftField | null {
    return FIELDS.find((f) => this.errors[f] !== undefined) ?? null;
  }

  /** Saves; resolves to the stored item, or null when there are field errors to show. */
  async save(): Promise<InventoryItemView | null> {
    this.submitted = true;
    this.formError = null;
    if (Object.keys(this.clientErrors).length > 0) return null;
    const draft: ItemDraft = this.#withRateCurrency({ ...this.draft, currency: this.draft.currency.trim().toUpperCase() });
    const note = this.statusNote.trim() || (this.draft.status === 'tested' && this.draft.testNote.trim()) || '';
    this.saving = true;
    try {
      return this.editing
        ? await this.api.call('inventory:update', { id: this.editing.id, changes: draft, ...(this.statusChanged && note ? { note } : {}) })
        : await this.api.call('inventory:create', draft);
    } catch (err) {
      if (err instanceof ApiClientError && err.issues.length > 0) {
        const mapped: Partial<Record<ItemDraftField, string>> = {};
        const unplaced: string[] = [];
        for (const issue of err.issues) {
          const field = fieldOfPath(issue.path);
          if (field && !mapped[field]) mapped[field] = issue.message;
          else if (!field) unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
        }
        this.serverErrors = mapped;
        if (unplaced.length > 0) this.formError = unplaced.join('; ');
      } else {
        this.formError = errorMessage(err);
      }
      return null;
    } finally {
      this.saving = false;
    }
  }
}
