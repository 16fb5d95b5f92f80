// CSV for spreadsheets (RFC 4180, CRLF lines): the one writer of every CSV file the window saves.
export type CsvValue = string | number | undefined | null

/** Quotes a cell; a leading = + - @ (or tab, CR) gets a ' so a spreadsheet never runs the text as a formula. */
export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return ''
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\n\r']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A header line naming `columns`, then one line per row, each ending in CRLF. */
export function csvText<C extends string>(
  columns: readonly C[],
  rows: readonly Record<C, CsvValue>[]
): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))]
  return `${lines.join('\r\n')}\r\n`
}
