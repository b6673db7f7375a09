import { createEventRecord } from '../../src/eventlog/records';
import { escapeXml, systemTime, toEventJson, toEventViewerText, toEventXml, toEventsXml } from '../../src/eventlog/render';

const at = new Date('2026-11-26T09:30:00.123Z');

/** A small strict XML well-formedness check: balanced tags, quoted attributes, only known entities. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+='[^'<&]*(?:&(?:amp|lt|gt|quot|apos);[^'<&]*)*')*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(xml))) {
    pos = re.lastIndex;
    if (m[5] !== undefined) {
      expect(m[5]).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
      expect(m[5]).not.toContain('>');
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(pos).toBe(xml.length);
  expect(stack).toEqual([]);
}

describe('Windows Event XML', () => {
  it('renders event 11708 in the schema wevtutil qe /f:xml prints', () => {
    const r = createEventRecord({ messageId: 'E-11708', lang: 'en', time: at, computer: 'PC01', recordId: 42 });
    const xml = toEventXml(r);
    expect(xml.startsWith("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='MsiInstaller'/>")).toBe(true);
    expect(xml).toContain("<EventID Qualifiers='0'>11708</EventID>");
    expect(xml).toContain('<Level>2</Level><Task>0</Task>');
    expect(xml).toContain('<Keywords>0x80000000000000</Keywords>');
    expect(xml).toContain("<TimeCreated SystemTime='2026-11-26T09:30:00.1230000Z'/>");
    expect(xml).toContain('<EventRecordID>42</EventRecordID>');
    expect(xml).toContain('<Channel>Application</Channel><Computer>PC01</Computer><Security/></System>');
    expect(xml).toContain('<EventData><Data>Product: Trend Micro Apex One Security Agent -- Installation operation failed.</Data></EventData></Event>');
    assertWellFormed(xml);
  });

  it('escapes XML special characters in the path, the computer name and the source', () => {
    const r = createEventRecord({ messageId: 'E-900', lang: 'ja', path: `C:\\a&b\\<x>'"\\f.exe`, time: at, computer: 'PC<&>', recordId: 1 });
    const xml = toEventXml(r);
    expect(xml).toContain('C:\\a&amp;b\\&lt;x&gt;&apos;&quot;\\f.exe');
    expect(xml).toContain('<Computer>PC&lt;&amp;&gt;</Computer>');
    expect(xml).not.toContain('a&b');
    assertWellFormed(xml);
  });

  it('prints one event per line for several records', () => {
    const a = createEventRecord({ messageId: 'E-11708', lang: 'ja', time: at, computer: 'PC01', recordId: 1 });
    const b = createEventRecord({ messageId: 'E-900', lang: 'ja', path: 'C:\\f.exe', time: at, computer: 'PC01', recordId: 2 });
    const lines = toEventsXml([a, b]).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    lines.forEach(assertWellFormed);
  });

  it('writes SystemTime with seven fractional digits in UTC', () => {
    expect(systemTime('2023-03-01T00:00:00Z')).toBe('2023-03-01T00:00:00.0000000Z');
    expect(() => systemTime('yesterday')).toThrow();
  });

  it('escapes all five XML special characters', () => {
    expect(escapeXml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&apos;');
  });

  it('renders a record as JSON that parses back to the same fields', () => {
    const r = createEventRecord({ messageId: 'E-900', lang: 'en', path: 'C:\\f.exe', time: at, computer: 'PC01', recordId: 3 });
    expect(JSON.parse(JSON.stringify(toEventJson(r)))).toEqual({ ...r });
  });
});

describe('Event Viewer text', () => {
  it('lays a record out with Event Viewer labels in its language and the full text', () => {
    const ja = createEventRecord({ messageId: 'E-11708', lang: 'ja', time: at, computer: 'PC01', recordId: 1 });
    const text = toEventViewerText(ja);
    expect(text).toContain('ソース: MsiInstaller');
    expect(text).toContain('イベント ID: 11708');
    expect(text).toContain('レベル: エラー');
    expect(text.endsWith(`説明:\n${ja.text}\n`)).toBe(true);
    const en = createEventRecord({ messageId: 'E-11708', lang: 'en', time: at, computer: 'PC01', recordId: 1 });
    expect(toEventViewerText(en)).toContain('Log Name: Application\nSource: MsiInstaller');
  });
});
