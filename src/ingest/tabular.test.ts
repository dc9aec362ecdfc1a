import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SHARED_DIR } from '../paths.js';
import type { Message, RawDoc } from '../types.js';
import { decodeText } from './detect.js';
import { parseCsv, parseJson, parseJsonl } from './tabular.js';

const brief = (docs: RawDoc[]): Array<[string, string | undefined, string]> => docs.map((d) => [d.origin, d.title, d.text]);
const err = (ruleId: string, reason: string, place: Message['place']): Message => ({ source: 'ingest', ruleId, reason, severity: 'error', place });

test('CSV: header synonyms choose the columns; hints carry date, url, outlet, author', () => {
  const csv = 'Headline,Body,Published,Link,Publisher,Byline,extra\n' + 'Talks resume,"Envoys met, again.",2025-02-18,https://n.example/1,Wire,Ann Lee,x\n';
  const r = parseCsv(csv, 'n.csv');
  assert.deepEqual(r.columns, { title: 'Headline', text: 'Body', date: 'Published', url: 'Link', source: 'Publisher', author: 'Byline' });
  assert.deepEqual(r.messages, []);
  assert.deepEqual(r.docs, [
    {
      origin: 'n.csv:row-1',
      format: 'csv',
      title: 'Talks resume',
      text: 'Envoys met, again.',
      hints: { date: '2025-02-18', dateBasis: 'column', url: 'https://n.example/1', outlet: 'Wire', outletBasis: 'column', author: 'Ann Lee' },
      removed: [],
      messages: [],
    },
  ]);
});

test('CSV: last-word names, content fallback for the text, and --*-col overrides', () => {
  assert.deepEqual(parseCsv('article_title,newsBody,pub_date,candidate\nA,b,2020,c\n', 'x.csv').columns, {
    title: 'article_title',
    text: 'newsBody',
    date: 'pub_date',
  });
  const byContent = parseCsv('title,notes,code\nShort,A much longer free-text value here,7\n', 'x.csv');
  assert.deepEqual(byContent.columns, { title: 'title', text: 'notes' });
  assert.deepEqual(byContent.messages, [
    { source: 'ingest', ruleId: 'text-column-by-content', reason: 'x.csv: no text column by name; using "notes" (longest values)', severity: 'info' },
  ]);
  const overridden = parseCsv('title,text,summary,when\nA,b,c,2020\n', 'x.csv', { text: 'SUMMARY', date: 'when' });
  assert.deepEqual(overridden.columns, { text: 'summary', date: 'when', title: 'title' });
  assert.deepEqual(brief(overridden.docs), [['x.csv:row-1', 'A', 'c']]);
  assert.deepEqual(parseCsv('title,text\nA,b\n', 'x.csv', { text: 'body' }), {
    docs: [],
    messages: [{ source: 'ingest', ruleId: 'column-not-found', reason: 'x.csv: no column "body" for the text (columns: title, text)', severity: 'error' }],
    columns: {},
  });
  assert.deepEqual(parseCsv('id,code\n1,2\n', 'x.csv'), {
    docs: [],
    messages: [
      {
        source: 'ingest',
        ruleId: 'no-text-column',
        reason: 'x.csv: cannot tell which column holds the text (columns: id, code); name one with --text-col',
        severity: 'error',
      },
    ],
    columns: {},
  });
});

test('CSV: a headline-only corpus uses the headline as the text; empty rows are reported', () => {
  const r = parseCsv('publish_date,headline_text\n20030219,first headline\n20030219,\n', 'h.csv');
  assert.deepEqual(r.columns, { title: 'headline_text', date: 'publish_date' });
  assert.deepEqual(brief(r.docs), [['h.csv:row-1', 'first headline', 'first headline']]);
  assert.deepEqual(r.messages, [
    { source: 'ingest', ruleId: 'text-from-title', reason: 'h.csv: no text column; each title is also the text', severity: 'info' },
    { source: 'ingest', ruleId: 'row-empty', reason: 'no title and no text', severity: 'warning', place: { row: 2 } },
  ]);
  const emptyText = parseCsv('title,text\nOnly title,\n', 'e.csv');
  assert.deepEqual(brief(emptyText.docs), [['e.csv:row-1', 'Only title', 'Only title']]);
  assert.deepEqual(emptyText.docs[0]!.messages, [
    { source: 'ingest', ruleId: 'text-from-title', reason: 'empty text; the title is the text', severity: 'info', place: { row: 1 } },
  ]);
});

test('CSV: quoted multi-line fields, CRLF, TSV, BOM, trailing delimiters, markup in cells', () => {
  const r = parseCsv('\uFEFFtitle,text\r\nA,"multi\r\nline, with comma"\r\n\r\nB,"say ""hi"""\r\n', 'c.csv');
  assert.deepEqual(brief(r.docs), [
    ['c.csv:row-1', 'A', 'multi\nline, with comma'],
    ['c.csv:row-2', 'B', 'say "hi"'],
  ]);
  assert.deepEqual(r.messages, []);
  assert.deepEqual(brief(parseCsv('headline\tbody\nH1\tsome text, with comma\n', 't.tsv').docs), [['t.tsv:row-1', 'H1', 'some text, with comma']]);
  assert.deepEqual(brief(parseCsv('title,text\nA,b,,\n', 'x.csv').docs), [['x.csv:row-1', 'A', 'b']]);
  assert.deepEqual(brief(parseCsv('title,text\nA,"<p>One &amp; two</p><p>Three</p>"\n', 'x.csv').docs), [['x.csv:row-1', 'A', 'One & two\nThree']]);
});

test('CSV: malformed rows are reported by data row number and the rest is read', () => {
  const unclosed = parseCsv('title,text\nA,"x\nB,y\nC,z\n', 'u.csv');
  assert.deepEqual(brief(unclosed.docs), [
    ['u.csv:row-2', 'B', 'y'],
    ['u.csv:row-3', 'C', 'z'],
  ]);
  assert.deepEqual(unclosed.messages, [err('csv-row-malformed', 'unclosed quote', { row: 1, line: 2 })]);

  // The stray quote is closed by a later row's quote: still the first row's fault.
  const closedLater = parseCsv('title,text\nA,"x\nB,y\nC,"z"\nD,w\n', 'l.csv');
  assert.deepEqual(brief(closedLater.docs).map((d) => d[0]), ['l.csv:row-2', 'l.csv:row-3', 'l.csv:row-4']);
  assert.deepEqual(closedLater.messages, [err('csv-row-malformed', 'unclosed quote', { row: 1, line: 2 })]);

  const badClosing = parseCsv('title,text\nA,"x"y\nB,4\n', 'b.csv');
  assert.deepEqual(brief(badClosing.docs), [['b.csv:row-2', 'B', '4']]);
  assert.deepEqual(badClosing.messages, [err('csv-row-malformed', 'invalid closing quote', { row: 1, line: 2 })]);

  const fields = parseCsv('title,text\nA,2,3\nB,5\nC\n', 'f.csv');
  assert.deepEqual(brief(fields.docs), [['f.csv:row-2', 'B', '5']]);
  assert.deepEqual(fields.messages, [
    err('csv-field-count', 'expected 2 fields, found 3', { row: 1 }),
    err('csv-field-count', 'expected 2 fields, found 1', { row: 3 }),
  ]);

  const stray = parseCsv('title,text\nA,he said "hi" ok\nB,he said "hi, there"\nC,z\n', 's.csv');
  assert.deepEqual(brief(stray.docs), [
    ['s.csv:row-1', 'A', 'he said "hi" ok'],
    ['s.csv:row-3', 'C', 'z'],
  ]);
  assert.deepEqual(stray.messages, [err('csv-row-malformed', 'quote inside an unquoted field', { row: 2, line: 3 })]);

  const cut = parseCsv('title,text\nA,2\nB,"tru', 'cut.csv');
  assert.deepEqual(brief(cut.docs), [['cut.csv:row-1', 'A', '2']]);
  assert.deepEqual(cut.messages, [err('csv-row-malformed', 'unclosed quote', { row: 2, line: 3 })]);

  // A malformed early row does not hide the delimiter.
  const tsv = parseCsv('title\ttext\nA\t"b\nC\td\n', 't.tsv');
  assert.deepEqual(brief(tsv.docs), [['t.tsv:row-2', 'C', 'd']]);
  assert.deepEqual(tsv.messages, [err('csv-row-malformed', 'unclosed quote', { row: 1, line: 2 })]);

  assert.deepEqual(parseCsv('title,text\n', 'n.csv').messages, [
    { source: 'ingest', ruleId: 'csv-no-rows', reason: 'n.csv: a header row but no data rows', severity: 'warning' },
  ]);

  assert.deepEqual(parseCsv('"title,text\nA,b\n', 'h.csv'), {
    docs: [],
    messages: [{ source: 'ingest', ruleId: 'csv-header-malformed', reason: 'h.csv: cannot read the header row: unclosed quote', severity: 'error' }],
    columns: {},
  });
});

test('CSV: a last row without a line ending is kept and reported as possibly truncated', () => {
  const r = parseCsv('title,text\nA,b\nC,half a wo', 't.csv');
  const warning: Message = {
    source: 'ingest',
    ruleId: 'csv-truncated',
    reason: 'the last row has no line ending; the file may be truncated',
    severity: 'warning',
    place: { row: 2 },
  };
  assert.deepEqual(brief(r.docs), [
    ['t.csv:row-1', 'A', 'b'],
    ['t.csv:row-2', 'C', 'half a wo'],
  ]);
  assert.deepEqual(r.messages, [warning]);
  assert.deepEqual(r.docs[1]!.messages, [warning]);
});

const corpus = (p: string): string => decodeText(readFileSync(join(SHARED_DIR, 'corpora', p))).text;

test('Reuters True.csv and partisan Fake.csv parse completely with no column flags', () => {
  const reuters = parseCsv(corpus('reuters-2017/True.csv'), 'True.csv');
  assert.equal(reuters.docs.length, 989);
  assert.deepEqual(reuters.columns, { title: 'title', text: 'text', date: 'date' });
  assert.deepEqual(reuters.messages, []);
  assert.equal(reuters.docs[0]!.origin, 'True.csv:row-1');
  assert.deepEqual(reuters.docs[0]!.hints, { date: 'December 31, 2017', dateBasis: 'column' });
  assert.equal(reuters.docs[988]!.origin, 'True.csv:row-989');
  assert.ok(reuters.docs.every((d) => d.title && d.text.length > d.title.length && d.messages.length === 0));

  const fake = parseCsv(corpus('partisan-2017/Fake.csv'), 'Fake.csv');
  assert.equal(fake.docs.length, 1413);
  assert.deepEqual(fake.columns, { title: 'title', text: 'text', date: 'date' });
  assert.deepEqual(fake.messages, []);
  assert.deepEqual(fake.docs[1412]!.hints, { date: 'May 18, 2017', dateBasis: 'column' });
  assert.ok(fake.docs.every((d) => d.title && d.title === d.title.trim()));
});

test('ABC headlines: every row a doc, the cut last row reported but kept', () => {
  const r = parseCsv(corpus('abc-headlines-2003/abcnews-date-text.csv'), 'abcnews-date-text.csv');
  assert.equal(r.docs.length, 21295);
  assert.deepEqual(r.columns, { title: 'headline_text', date: 'publish_date' });
  const truncated: Message = {
    source: 'ingest',
    ruleId: 'csv-truncated',
    reason: 'the last row has no line ending; the file may be truncated',
    severity: 'warning',
    place: { row: 21295 },
  };
  assert.deepEqual(r.messages, [
    { source: 'ingest', ruleId: 'text-from-title', reason: 'abcnews-date-text.csv: no text column; each title is also the text', severity: 'info' },
    truncated,
  ]);
  const last = r.docs[21294]!;
  assert.equal(last.origin, 'abcnews-date-text.csv:row-21295');
  assert.equal(last.text, last.title);
  assert.deepEqual(last.hints, { date: '20030602', dateBasis: 'column' });
  assert.deepEqual(last.messages, [truncated]);
  assert.deepEqual(r.docs[0]!.hints, { date: '20030219', dateBasis: 'column' });
  assert.ok(r.docs.every((d) => d.text === d.title));
});

test('JSON: arrays, wrapper objects, nested values, single objects', () => {
  const arr = parseJson('[{"title":"A","body":"b","date":"2020-01-02"},{"title":"C","body":"d"}]', 'a.json');
  assert.deepEqual(arr.columns, { title: 'title', text: 'body', date: 'date' });
  assert.deepEqual(brief(arr.docs), [
    ['a.json#1', 'A', 'b'],
    ['a.json#2', 'C', 'd'],
  ]);
  assert.deepEqual(arr.docs[0]!.hints, { date: '2020-01-02', dateBasis: 'column' });
  assert.equal(arr.docs[0]!.format, 'json');

  const newsApi = parseJson(
    JSON.stringify({
      status: 'ok',
      articles: [
        { source: { id: null, name: 'Wire' }, author: 'Ann Lee', title: 'T', description: 'short', url: 'https://n.example/1', publishedAt: '2025-02-18T09:00:00Z', content: 'full text' },
      ],
    }),
    'news.json',
  );
  assert.deepEqual(newsApi.columns, { title: 'title', text: 'content', date: 'publishedAt', url: 'url', source: 'source', author: 'author' });
  assert.deepEqual(newsApi.docs[0]!.hints, {
    date: '2025-02-18T09:00:00Z',
    dateBasis: 'column',
    url: 'https://n.example/1',
    outlet: 'Wire',
    outletBasis: 'column',
    author: 'Ann Lee',
  });
  assert.deepEqual(brief(newsApi.docs), [['news.json#1', 'T', 'full text']]);

  assert.deepEqual(brief(parseJson('{"response":{"docs":[{"headline":"H","text":"x"}]}}', 'n.json').docs), [['n.json#1', 'H', 'x']]);
  assert.deepEqual(brief(parseJson('{"title":"Solo","text":"one"}', 's.json').docs), [['s.json#1', 'Solo', 'one']]);
  const mixed = parseJson('[{"title":"A","text":"b"}, 3, {"title":"","text":""}]', 'm.json');
  assert.deepEqual(brief(mixed.docs), [['m.json#1', 'A', 'b']]);
  assert.deepEqual(mixed.messages, [
    err('json-item-not-object', 'not an object', { item: 2 }),
    { source: 'ingest', ruleId: 'row-empty', reason: 'no title and no text', severity: 'warning', place: { item: 3 } },
  ]);
});

test('JSON: invalid documents and documents without records', () => {
  const bad = parseJson('[\n{"title": "a"},\n{"title": }\n]', 'bad.json');
  assert.deepEqual(bad.docs, []);
  assert.equal(bad.messages.length, 1);
  assert.equal(bad.messages[0]!.ruleId, 'json-invalid');
  assert.equal(bad.messages[0]!.reason, "bad.json: invalid JSON: Unexpected token '}' at line 3, column 11");
  assert.equal(bad.messages[0]!.place, undefined);
  assert.deepEqual(parseJson('[1, 2]', 'n.json').messages.at(-1), { source: 'ingest', ruleId: 'json-no-records', reason: 'n.json: no article objects found', severity: 'error' });
});

test('JSONL: one doc per object line; bad lines reported by line number', () => {
  const r = parseJsonl('{"title":"A","text":"a"}\n\nnot json\n[1]\n{"title":"B","text":"b"}\n', 'x.jsonl');
  assert.deepEqual(brief(r.docs), [
    ['x.jsonl:line-1', 'A', 'a'],
    ['x.jsonl:line-5', 'B', 'b'],
  ]);
  assert.equal(r.docs[0]!.format, 'jsonl');
  assert.deepEqual(r.messages, [
    err('jsonl-line-invalid', "invalid JSON: Unexpected token 'o' at column 2", { line: 3 }),
    err('jsonl-line-not-object', 'not a JSON object', { line: 4 }),
  ]);
});
