import { type Response } from 'express';
import { csvField, exportHandler, fileName, toCsv, toXlsx } from './export';

describe('CSV exports (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });

  it('writes a BOM, CRLF line ends and Kazakh and Russian text as UTF-8', () => {
    const csv = toCsv({
      columns: ['code', 'name', 'value'],
      rows: [
        ['PDO-1', 'Жобаларға қатысқан жастар', 6],
        ['PDO-3', 'Участники, "улучшившие" навыки', null],
      ],
    });
    expect(csv).toBe(
      '\uFEFFcode,name,value\r\nPDO-1,Жобаларға қатысқан жастар,6\r\nPDO-3,"Участники, ""улучшившие"" навыки",\r\n',
    );
  });

  it('names files safely for Content-Disposition', () => {
    expect(fileName(['results-framework', '2019-S1'], 'csv')).toBe('results-framework-2019-S1.csv');
    expect(fileName(['values', undefined, 'a"b;c'], 'xlsx')).toBe('values-a_b_c.xlsx');
  });

  it('writes an XLSX workbook', async () => {
    const buffer = await toXlsx(
      {
        columns: ['code', 'value'],
        rows: [
          ['PDO-1', 6],
          ['PDO-3', null],
        ],
      },
      'sheet',
    );
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the handler of an export', () => {
  it("sends the caller's table for the query, laid out in the language asked for and named from both", async () => {
    const sent: Record<string, unknown> = {};
    const res = {
      setHeader: (header: string, value: string) => (sent[header] = value),
      status(code: number) {
        sent.status = code;
        return this;
      },
      type(type: string) {
        sent.type = type;
        return this;
      },
      send: (body: string) => (sent.body = body),
    } as unknown as Response;
    const handler = exportHandler(
      (who: string, query: { code: string }) => Promise.resolve({ who, code: query.code }),
      (table, lang) => ({ columns: ['who', 'lang'], rows: [[table.who, lang]] }),
      (table, query) => ['rows', table.code, query.code],
    );

    const answer = await handler({
      principal: 'viewer-1',
      query: { code: 'K1', format: 'csv', lang: 'kk' },
      res,
    });

    expect(answer).toEqual({ status: 200 });
    expect(sent).toEqual({
      'Content-Disposition': 'attachment; filename="rows-K1-K1.csv"',
      status: 200,
      type: 'text/csv; charset=utf-8',
      body: '\uFEFFwho,lang\r\nviewer-1,kk\r\n',
    });
  });
});
