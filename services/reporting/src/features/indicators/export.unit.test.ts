import { csvField, fileName, toCsv, toXlsx } from './export';

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
