/**
 * `yaml` template tag: dedents inline YAML so test tables read like files.
 * The first line break is dropped, and the common indentation of the
 * non-blank lines is removed; a trailing line break is kept.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = strings.raw.reduce((acc, s, i) => acc + s.replace(/\\`/g, '`') + (i < values.length ? String(values[i]) : ''), '');
  text = text.replace(/^\r?\n/, '');
  const lines = text.split('\n');
  if (lines.length > 0 && /^\s*$/.test(lines[lines.length - 1]!)) lines[lines.length - 1] = '';
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^ */.exec(l)![0].length))).join('\n');
}
