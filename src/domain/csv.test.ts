import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv } from './csv.js';

describe('csv', () => {
  it('reads quotes, commas and line breaks inside quotes, CRLF, a BOM, and skips blank lines', () => {
    const rows = parseCsv('\uFEFFphone,name\r\n"+1 (512) 555-0199","Ruiz, Ana"\r\n\r\n5125550142,"Say ""hi""\nthere"\n');
    expect(rows).toEqual([
      { line: 1, cells: ['phone', 'name'] },
      { line: 2, cells: ['+1 (512) 555-0199', 'Ruiz, Ana'] },
      { line: 4, cells: ['5125550142', 'Say "hi"\nthere'] },
    ]);
  });
  it('writes cells a spreadsheet reads back, with formulas defused in text cells', () => {
    expect(csvCell('Ruiz, Ana')).toBe('"Ruiz, Ana"');
    expect(csvCell('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+15125550199')).toBe('+15125550199');
    expect(csvCell(null)).toBe('');
  });
});
