/**
 * Text from files (a LUT's TITLE, a model's style names, a file name, a token a parser quotes)
 * reaches the terminal through here: every control character but newline and tab is shown as a
 * visible escape (`\x1b`), so a file cannot move the cursor, recolour, retitle or clear the
 * terminal of whoever inspects it. C1 controls (U+0080–U+009F) count too: some terminals take
 * U+009B as CSI. So do the bidirectional overrides that reorder what is shown (Trojan Source).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escaped(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` safe to write to a terminal: its lines and tabs kept, every other control character made visible. */
export function printable(text: string): string {
  return text.replace(CONTROL, escaped);
}
