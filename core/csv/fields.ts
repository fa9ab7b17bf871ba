// What a CSV column can be imported as, the generic template's column names
// (rackhive-inventory-template.csv, also the export layout), the built-in
// presets (the template and eBay's order report) and the guess from header
// names for any other file.
import { z } from 'zod';

export const IMPORT_FIELDS = [
  'partId',
  'part',
  'quantity',
  'status',
  'currency',
  'price',
  'shipping',
  'tax',
  'fees',
  'fxRate',
  'fxCurrency',
  'orderNumber',
  'orderShipping',
  'orderTax',
  'lineShipping',
  'lineTax',
  'seller',
  'listingUrl',
  'ebayItemNumber',
  'orderedOn',
  'receivedOn',
  'returnDays',
  'returnBy',
  'condition',
  'serialNumber',
  'testResult',
  'testNote',
  'notes',
  'title',
  'externalId',
  'paidOn',
  'shippedOn',
  'deliveredOn',
  'orderStatus',
  'returnStatus',
] as const;
export const ImportField = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportField>;

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  partId: 'Part id (catalog)',
  part: 'Part name / listing title',
  quantity: 'Quantity',
  status: 'Status',
  currency: 'Currency',
  price: 'Price per unit',
  shipping: 'Shipping per unit',
  tax: 'Tax per unit',
  fees: 'Fees per unit',
  fxRate: 'Exchange rate',
  fxCurrency: 'Rate converts to',
  orderNumber: 'Order number',
  orderShipping: "Order's shipping (whole order)",
  orderTax: "Order's tax (whole order)",
  lineShipping: 'Shipping for the row',
  lineTax: 'Tax for the row',
  seller: 'Seller',
  listingUrl: 'Listing URL',
  ebayItemNumber: 'eBay item number',
  orderedOn: 'Ordered date',
  receivedOn: 'Received date',
  returnDays: 'Return period (days)',
  returnBy: 'Return-by date',
  condition: 'Condition',
  serialNumber: 'Serial number',
  testResult: 'Test result',
  testNote: 'Test note',
  notes: 'Notes',
  title: 'Listing title (kept as written)',
  externalId: 'External id (finds the row again on re-import)',
  paidOn: 'Paid date (→ ordered)',
  shippedOn: 'Shipped date (→ shipped)',
  deliveredOn: 'Delivered date (→ received)',
  orderStatus: 'Order status (delivered, refunded, …)',
  returnStatus: 'Return / refund status',
};

/**
 * The generic template: these columns in this order. Export writes them all;
 * import reads any subset (part_id or part is needed). Amounts are per unit in
 * `currency` with a dot or a decimal comma; order_shipping / order_tax are the
 * whole order's, repeated on each of its rows; dates are YYYY-MM-DD.
 */
export const TEMPLATE_COLUMNS: readonly { header: string; field: ImportField }[] = [
  { header: 'part_id', field: 'partId' },
  { header: 'part', field: 'part' },
  { header: 'quantity', field: 'quantity' },
  { header: 'status', field: 'status' },
  { header: 'currency', field: 'currency' },
  { header: 'price', field: 'price' },
  { header: 'shipping', field: 'shipping' },
  { header: 'tax', field: 'tax' },
  { header: 'fees', field: 'fees' },
  { header: 'exchange_rate', field: 'fxRate' },
  { header: 'exchange_rate_currency', field: 'fxCurrency' },
  { header: 'order_number', field: 'orderNumber' },
  { header: 'order_shipping', field: 'orderShipping' },
  { header: 'order_tax', field: 'orderTax' },
  { header: 'seller', field: 'seller' },
  { header: 'listing_url', field: 'listingUrl' },
  { header: 'ordered_on', field: 'orderedOn' },
  { header: 'received_on', field: 'receivedOn' },
  { header: 'return_days', field: 'returnDays' },
  { header: 'return_by', field: 'returnBy' },
  { header: 'condition', field: 'condition' },
  { header: 'serial_number', field: 'serialNumber' },
  { header: 'test_result', field: 'testResult' },
  { header: 'test_note', field: 'testNote' },
  { header: 'notes', field: 'notes' },
  { header: 'title', field: 'title' },
  { header: 'external_id', field: 'externalId' },
];

export const TEMPLATE_FILE_NAME = 'rackhive-inventory-template.csv';

/**
 * Header (normalized: lower case, letters and digits only) → field for eBay's
 * Seller Hub "Orders" report, which only sellers can download: the US and UK
 * headers differ only in case ("Sold For" / "Sold for"); the German names are
 * those of the ebay.de report. "Seller ID" is left out: in that report it is
 * the footer's report owner, not a seller of the row.
 */
export const EBAY_ORDER_REPORT_COLUMNS: Readonly<Record<string, ImportField>> = {
  ordernumber: 'orderNumber',
  bestellnummer: 'orderNumber',
  itemnumber: 'ebayItemNumber',
  artikelnummer: 'ebayItemNumber',
  itemtitle: 'part',
  artikelbezeichnung: 'part',
  quantity: 'quantity',
  anzahl: 'quantity',
  stuckzahl: 'quantity',
  soldfor: 'price',
  verkauftfur: 'price',
  shippingandhandling: 'lineShipping',
  verpackungundversand: 'lineShipping',
  postageandpackaging: 'lineShipping',
  ebaycollectedtax: 'lineTax',
  vonebayeingezogenesteuer: 'lineTax',
  saledate: 'orderedOn',
  verkaufsdatum: 'orderedOn',
  paidondate: 'paidOn',
  bezahltam: 'paidOn',
  shippedondate: 'shippedOn',
  versandtam: 'shippedOn',
  dispatchedondate: 'shippedOn',
  myitemnote: 'notes',
  meinenotiz: 'notes',
};

export const PRESETS = ['rackhive-template', 'ebay-order-report', 'ebay-purchases', 'custom'] as const;
export const ImportPreset = z.enum(PRESETS);
export type ImportPreset = z.infer<typeof ImportPreset>;

export const PRESET_LABELS: Record<ImportPreset, string> = {
  'rackhive-template': 'Rackhive template',
  'ebay-order-report': 'eBay Seller Hub orders report — parts you sold',
  'ebay-purchases': 'eBay purchases (order emails, Purchase history page, GetOrders)',
  custom: 'Other layout (columns guessed from their names)',
};

/** Lower case, letters and digits only: "Sold For" → "soldfor". */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '');
}

/** Header names (normalized) each field is guessed from, for files of any other layout. */
const ALIASES: Record<ImportField, string[]> = {
  partId: ['partid', 'catalogid', 'catalogpartid'],
  part: ['part', 'partname', 'model', 'item', 'itemtitle', 'title', 'name', 'description', 'product'],
  quantity: ['quantity', 'qty', 'count', 'units'],
  status: ['status', 'state'],
  currency: ['currency', 'ccy', 'currencycode'],
  price: ['price', 'unitprice', 'priceperunit', 'soldfor', 'priceeach', 'itemprice', 'purchaseprice', 'cost'],
  shipping: ['shipping', 'shippingperunit', 'postage', 'delivery'],
  tax: ['tax', 'vat', 'salestax', 'taxperunit'],
  fees: ['fees', 'fee', 'feesperunit'],
  fxRate: ['exchangerate', 'fxrate', 'rate'],
  fxCurrency: ['exchangeratecurrency', 'fxcurrency', 'ratecurrency'],
  orderNumber: ['ordernumber', 'order', 'orderid', 'orderno'],
  orderShipping: ['ordershipping'],
  orderTax: ['ordertax'],
  lineShipping: ['shippingandhandling', 'shippingtotal'],
  lineTax: ['ebaycollectedtax', 'taxtotal'],
  seller: ['seller', 'sellerid', 'sellername', 'sellerusername', 'store'],
  listingUrl: ['listingurl', 'url', 'link', 'listing'],
  ebayItemNumber: ['itemnumber', 'ebayitemnumber', 'ebayitem', 'itemid'],
  orderedOn: ['orderedon', 'ordered', 'orderdate', 'saledate', 'purchasedate', 'dateordered', 'date'],
  receivedOn: ['receivedon', 'received', 'receiveddate', 'deliverydate', 'delivered'],
  returnDays: ['returndays', 'returnperiod', 'returnwindow'],
  returnBy: ['returnby', 'returndeadline', 'returnbydate'],
  condition: ['condition'],
  serialNumber: ['serialnumber', 'serial', 'sn', 'serialno'],
  testResult: ['testresult', 'test', 'tested'],
  testNote: ['testnote', 'testnotes'],
  notes: ['notes', 'note', 'comment', 'comments', 'myitemnote'],
  title: ['listingtitle', 'titleaswritten'],
  externalId: ['externalid', 'purchaseid'],
  paidOn: ['paidon', 'paiddate', 'paidondate', 'paymentdate', 'bezahltam'],
  shippedOn: ['shippedon', 'shippeddate', 'shippedondate', 'versandtam', 'versanddatum'],
  deliveredOn: ['deliveredon', 'delivereddate', 'deliveredondate', 'zugestelltam'],
  orderStatus: ['orderstatus', 'bestellstatus'],
  returnStatus: ['returnstatus', 'refundstatus', 'rueckgabestatus', 'ruckgabestatus'],
};

const BY_ALIAS = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) BY_ALIAS.set(alias, field);

/** Column index → field (null = not imported). */
export type ColumnMapping = (ImportField | null)[];

export function detectPreset(headers: readonly string[]): ImportPreset {
  const set = new Set(headers);
  if (set.has('part_id') || (set.has('part') && set.has('status') && set.has('currency'))) return 'rackhive-template';
  const norm = new Set(headers.map(normalizeHeader));
  if (
    norm.has('salesrecordnumber') ||
    norm.has('verkaufsprotokollnummer') ||
    ((norm.has('ordernumber') || norm.has('bestellnummer')) &&
      (norm.has('itemnumber') || norm.has('artikelnummer')) &&
      (norm.has('soldfor') || norm.has('verkauftfur')))
  )
    return 'ebay-order-report';
  return 'custom';
}

/** The mapping a preset gives for these headers (unknown headers → not imported). */
export function presetMapping(preset: ImportPreset, headers: readonly string[]): ColumnMapping {
  if (preset === 'rackhive-template' || preset === 'ebay-purchases') {
    const byHeader = new Map(TEMPLATE_COLUMNS.map((c) => [c.header, c.field]));
    return headers.map((h) => byHeader.get(h.trim().toLowerCase()) ?? BY_ALIAS.get(normalizeHeader(h)) ?? null);
  }
  if (preset === 'ebay-order-report') return headers.map((h) => EBAY_ORDER_REPORT_COLUMNS[normalizeHeader(h)] ?? null);
  return headers.map((h) => BY_ALIAS.get(normalizeHeader(h)) ?? null);
}

export interface MappingIssue {
  field: ImportField | null;
  columns: number[];
  message: string;
}

/** Spreadsheet column name of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Problems that stop an import before any row is read: two columns for one field, no part column, duplicate header names. */
export function mappingIssues(headers: readonly string[], mapping: ColumnMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const byField = new Map<ImportField, number[]>();
  mapping.forEach((field, i) => {
    if (field) byField.set(field, [...(byField.get(field) ?? []), i]);
  });
  for (const [field, columns] of byField) {
    if (columns.length > 1) {
      const names = columns.map((c) => `${columnLetter(c)} "${headers[c]}"`).join(' and ');
      issues.push({ field, columns, message: `Columns ${names} are both imported as ${IMPORT_FIELD_LABELS[field]}: choose one of them.` });
    }
  }
  if (!byField.has('partId') && !byField.has('part')) {
    issues.push({ field: 'part', columns: [], message: 'No column says which part each row is: map a column to "Part name / listing title" or "Part id".' });
  }
  return issues;
}
