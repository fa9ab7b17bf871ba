import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { contract } from '#core/api/contract';
import { Connection } from './lib/connection.svelte';
import { startTheme } from './lib/theme';

startTheme();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target, props: { connection: new Connection(contract) } });
