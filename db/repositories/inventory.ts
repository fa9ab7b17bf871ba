// The inventory repository, by job: items and orders (writes), queries (pages
// and export), totals (SQL sums), import (many rows at once).
export * from './inventory/items';
export * from './inventory/queries';
export * from './inventory/import';
