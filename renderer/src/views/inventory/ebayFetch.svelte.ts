// The optional "Fetch my eBay purchases" path of the import dialog: which keys
// are stored (never the keys themselves), entering and clearing them, and
// GetOrders page by page with progress. The pages go to the importer as if
// they were saved GetOrders files, so the preview is the one every import has.
import type { ApiClient } from '../../lib/api/client';
import { ApiClientError, errorMessage } from '../../lib/api/client';
import { GET_ORDERS_MAX_DAYS, GET_ORDERS_MAX_PAGES, type EbayKeyStatus } from '#core/api/ebay';

export type EbayKeyField = 'appId' | 'devId' | 'certId' | 'token';

export interface FetchedPage {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export class EbayFetch {
  readonly api: ApiClient;
  status = $state.raw<EbayKeyStatus | null>(null);
  keys = $state<Record<EbayKeyField, string>>({ appId: '', devId: '', certId: '', token: '' });
  fieldErrors = $state.raw<Partial<Record<EbayKeyField, string>>>({});
  busy = $state<'saving' | 'clearing' | 'fetching' | null>(null);
  /** The page being fetched and how many eBay said there are (null: not said yet). */
  page = $state(0);
  totalPages = $state<number | null>(null);
  orders = $state(0);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  constructor(api: ApiClient) {
    this.api = api;
  }

  async load(): Promise<void> {
    try {
      this.status = await this.api.call('ebay:keys', {});
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async save(): Promise<boolean> {
    this.busy = 'saving';
    this.error = null;
    this.fieldErrors = {};
    try {
      this.status = await this.api.call('ebay:saveKeys', { ...this.keys });
      this.keys = { appId: '', devId: '', certId: '', token: '' };
      return true;
    } catch (err) {
      const fields: Partial<Record<EbayKeyField, string>> = {};
      if (err instanceof ApiClientError) {
        for (const issue of err.issues) {
          const field = issue.path.split('.')[0] as EbayKeyField;
          if (field in this.keys && !fields[field]) fields[field] = issue.message;
        }
      }
      this.fieldErrors = fields;
      if (Object.keys(fields).length === 0) this.error = errorMessage(err);
      return false;
    } finally {
      this.busy = null;
    }
  }

  async clear(): Promise<void> {
    this.busy = 'clearing';
    this.error = null;
    try {
      this.status = await this.api.call('ebay:forgetKeys', {});
      this.notice = 'The eBay keys were cleared.';
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.busy = null;
    }
  }

  /** Every page of the last 90 days as files for the importer; null when it failed (the error says why) or eBay has no orders. */
  async fetchPages(): Promise<FetchedPage[] | null> {
    this.busy = 'fetching';
    this.error = null;
    this.notice = null;
    this.page = 1;
    this.totalPages = null;
    this.orders = 0;
    const files: FetchedPage[] = [];
    try {
      for (let page = 1; page <= GET_ORDERS_MAX_PAGES; page++) {
        this.page = page;
        const answer = await this.api.call('ebay:fetchOrders', { page, days: GET_ORDERS_MAX_DAYS });
        this.totalPages = answer.totalPages;
        this.orders += answer.orders;
        if (answer.orders > 0) {
          const bytes = new TextEncoder().encode(answer.xml);
          files.push({ name: `eBay GetOrders page ${page}`, size: bytes.length, arrayBuffer: () => Promise.resolve(bytes.buffer as ArrayBuffer) });
        }
        if (!answer.hasMore) break;
      }
      if (files.length === 0) {
        this.notice = `eBay has no purchases of yours in the last ${GET_ORDERS_MAX_DAYS} days.`;
        return null;
      }
      return files;
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** 0…1 for the progress bar: pages done of the pages eBay announced. */
  get fraction(): number {
    if (!this.totalPages) return 0;
    return Math.min(1, (this.page - 1) / this.totalPages);
  }
}
