// The renderer's entry: find the contract (preload or bridge), then start the app.
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { useApi } from './api.js';
import { connect } from './connect.js';

try {
  useApi(await connect());
  mount(App, { target: document.getElementById('app')! });
} catch (error) {
  // Nothing else can show it: without a connection the app has no views to put it in.
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'fatal';
  p.textContent = `NILUT Studio could not reach its main process: ${error instanceof Error ? error.message : String(error)}`;
  document.getElementById('app')!.replaceChildren(p);
}
