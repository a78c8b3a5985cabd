/** Range inputs as component tests drive them. */
import { flushSync } from 'svelte';

/** The range input labelled `name`. */
export function slider(name: string): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>(`input[type="range"][aria-label="${name}"]`);
  if (!input) throw new Error(`no slider named ${name}`);
  return input;
}

/** What a key press on a range input does: the browser moves the value and fires input, then change. */
export function move(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  flushSync();
}
