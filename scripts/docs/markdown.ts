/** Small markdown builders shared by the page renderers of scripts/docs/. */

/** Text made safe for one table cell: pipes escaped, line breaks turned into spaces. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** `text` as inline code; a backtick inside it gets a wider fence. */
export function code(text: string): string {
  const fence = text.includes('`') ? '`` ' : '`';
  return `${fence}${text}${fence === '`' ? '`' : ' ``'}`;
}

/** A markdown table. Cells are taken as they are: pass them through {@link cell} first. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A fenced code block. */
export function block(text: string, language = ''): string {
  const fence = text.includes('```') ? '````' : '```';
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}
