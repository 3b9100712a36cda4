/**
 * 1-based line, column and end column of the `occurrence`-th appearance of
 * `needle` in `code`: expected ranges written as "this text here" rather than
 * counted by hand. Throws when the text is not there, so a typo cannot pass.
 */
export function where(code: string, needle: string, occurrence = 1): { line: number; column: number; endColumn: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = code.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = code.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { line, column, endColumn: column + needle.length };
}
