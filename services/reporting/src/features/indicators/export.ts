import { type Response } from 'express';
import writeXlsxFile from 'write-excel-file/node';
import { type z } from 'zod';
import { type exportFormat } from './views';

/*
 * Exports of the same tables the JSON endpoints give: CSV (RFC 4180: CRLF line ends, fields quoted when they hold
 * a comma, quote or line break, quotes doubled; UTF-8 with a byte-order mark so that Excel reads Kazakh and
 * Russian names) and XLSX.
 */

export type CellValue = string | number | null;

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

const BOM = '\uFEFF';

export function csvField(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(table: Table, sheet: string): Promise<Buffer> {
  const header = table.columns.map((column) => ({ value: column, fontWeight: 'bold' as const }));
  const rows = table.rows.map((row) =>
    row.map((cell) =>
      cell === null
        ? null
        : typeof cell === 'number'
          ? { value: cell, type: Number }
          : { value: cell, type: String },
    ),
  );
  // Sheet names are at most 31 characters and some characters are not allowed.
  const name = sheet.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);
  return writeXlsxFile([header, ...rows], { sheet: name }).toBuffer();
}

/** A file name safe in a Content-Disposition header. */
export function fileName(parts: readonly (string | undefined)[], extension: string): string {
  const base = parts
    .filter((part): part is string => part !== undefined && part !== '')
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '_');
  return `${base}.${extension}`;
}

/**
 * Sends a table as a CSV or XLSX attachment, named by `nameParts` (see fileName); what the route answers is the
 * file, so its result is a bare 200.
 */
export async function sendTable(
  res: Response,
  table: Table,
  format: ExportChoice['format'],
  nameParts: readonly (string | undefined)[],
): Promise<{ readonly status: 200 }> {
  const name = fileName(nameParts, format);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  if (format === 'csv') {
    res.status(200).type('text/csv; charset=utf-8').send(toCsv(table));
  } else {
    const buffer = await toXlsx(table, name.replace(/\.xlsx$/, ''));
    res.status(200).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(buffer);
  }
  return { status: 200 };
}

/** What an export's query asks for beside its table: the file format and the language of the headers. */
export type ExportChoice = z.infer<z.ZodObject<typeof exportFormat>>;

/**
 * The handler of an export: the table `read` makes for the caller and the query, laid out as rows by `file` in the
 * language asked for, sent in the format asked for and named by `name` (see fileName).
 */
export function exportHandler<P, Q, T>(
  read: (principal: P, query: Q) => Promise<T>,
  file: (table: T, lang: ExportChoice['lang']) => Table,
  name: (table: T, query: Q) => readonly (string | undefined)[],
) {
  return async ({
    principal,
    query,
    res,
  }: {
    readonly principal: P;
    readonly query: Q & ExportChoice;
    readonly res: Response;
  }) => {
    const table = await read(principal, query);
    return sendTable(res, file(table, query.lang), query.format, name(table, query));
  };
}
