import { csvCell, tablesToCsv, toCsv } from './csv';
import { attachmentDisposition, encodeRfc5987 } from '../common/attachment';

const text = (b: Buffer) => b.toString('utf8');

describe('CSV writer', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const out = toCsv([['编号', '事项'], ['2.1.1', '深化挥发性有机物治理攻坚']]);
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(out)).toBe('\uFEFF编号,事项\r\n2.1.1,深化挥发性有机物治理攻坚\r\n');
  });

  it('quotes fields with a comma, a quote or a line break (RFC 4180), doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('全角，逗号')).toBe('全角，逗号');
    expect(text(toCsv([['x,"y"\nz', 1]]))).toBe('\uFEFF"x,""y""\nz",1\r\n');
  });

  it('defuses formulas: a cell starting with = + - @ (or tab/CR) gets a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
    // Numbers are data, not text: a negative number stays a number.
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes empty cells for null and non-finite numbers', () => {
    expect(text(toCsv([[null, 12.5, Number.NaN, '']]))).toBe('\uFEFF,12.5,,\r\n');
  });

  it('writes a data export as header + rows, and a report with titles and blank lines between tables', () => {
    const table = (title: string) => ({ sheet: 's', title, notes: ['注'], columns: [{ header: 'A', width: 5 }], rows: [{ cells: ['1'] }] });
    expect(text(tablesToCsv([table('T')], { titles: false }))).toBe('\uFEFFA\r\n1\r\n');
    expect(text(tablesToCsv([table('T1'), table('T2')], { titles: true }))).toBe('\uFEFFT1\r\n注\r\nA\r\n1\r\n\r\nT2\r\n注\r\nA\r\n1\r\n');
  });
});

describe('download headers', () => {
  it('percent-encodes the Chinese name per RFC 5987 and keeps an ASCII fallback', () => {
    expect(encodeRfc5987("台账（2022）'*")).toBe('%E5%8F%B0%E8%B4%A6%EF%BC%882022%EF%BC%89%27%2A');
    expect(encodeRfc5987('a(b)')).toBe('a%28b%29');
    expect(attachmentDisposition('督办通报.csv', 'bulletin 2022/06.csv')).toBe(
      `attachment; filename="bulletin_2022_06.csv"; filename*=UTF-8''%E7%9D%A3%E5%8A%9E%E9%80%9A%E6%8A%A5.csv`,
    );
  });
});
