// A problem with one field of something a person gave us (a form, a file, a
// CSV row): the domain reports these, and the API carries them as they are.

/** One problem with one field: `path` is dotted (`price.amountMinor`, `rows.12.price`). */
export interface FieldIssue {
  path: string;
  message: string;
}
