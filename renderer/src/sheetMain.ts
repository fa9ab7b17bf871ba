// The build sheet's own entry (sheet.html#token=…, then #/sheet/<id>): what
// `rackhive sheet` and the PDF export print, without the app shell and the
// other views, and with only the sheet's channels' schemas (not the whole contract). The main app still shows the same sheet at index.html#/sheet/<id>.
import { mount } from 'svelte';
import './app.css';
import SheetApp from './SheetApp.svelte';
import { compareEndpoints } from '#core/api/compare';
import { Connection } from './lib/connection.svelte';
import { startTheme } from './lib/theme';

startTheme();

const target = document.getElementById('app');
if (!target) throw new Error('sheet.html has no #app element');

export default mount(SheetApp, {
  target,
  props: { connection: new Connection({ 'sheet:get': compareEndpoints['sheet:get'], 'sheet:exportPdf': compareEndpoints['sheet:exportPdf'] }) },
});
