import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { SHARED_DIR } from '../paths.js';
import { decodeText, describeJsonError, detectFormat, maybeGunzip, sniffDelimiter } from './detect.js';

const detect = (text: string | Buffer, name = 'input'): ReturnType<typeof detectFormat> =>
  detectFormat(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, name);

test('empty and whitespace-only input', () => {
  assert.deepEqual(detect(''), { error: 'empty input', ruleId: 'empty' });
  assert.deepEqual(detect(' \n\t\r\n '), { error: 'empty input', ruleId: 'empty' });
  assert.deepEqual(detect(Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a])), { error: 'empty input', ruleId: 'empty' });
});

test('binary input by magic number, NUL bytes or control characters', () => {
  assert.deepEqual(detect(gzipSync('hello')), { error: 'gzip-compressed; decompress first', ruleId: 'binary' });
  assert.deepEqual(detect('%PDF-1.7\n%âãÏÓ\n1 0 obj'), { error: 'binary file (PDF document)', ruleId: 'binary' });
  assert.deepEqual(detect(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), { error: 'binary file (PNG image)', ruleId: 'binary' });
  assert.deepEqual(detect(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), { error: 'binary file (JPEG image)', ruleId: 'binary' });
  assert.deepEqual(detect(Buffer.from('PK\x03\x04rest', 'latin1')), { error: 'binary file (ZIP archive)', ruleId: 'binary' });
  assert.deepEqual(detect(Buffer.from('text\0with a NUL byte')), { error: 'binary file (NUL or control bytes)', ruleId: 'binary' });
  assert.deepEqual(detect(Buffer.from('ab\x01\x02\x03\x04cd\x05\x06', 'latin1')), { error: 'binary file (NUL or control bytes)', ruleId: 'binary' });
});

test('maybeGunzip decompresses, passes other bytes through, and reports bad gzip', () => {
  const plain = Buffer.from('<rss version="2.0"></rss>');
  assert.deepEqual(maybeGunzip(plain), { bytes: plain, gunzipped: false });
  const unzipped = maybeGunzip(gzipSync(plain));
  assert.ok('bytes' in unzipped);
  assert.equal(unzipped.bytes.toString(), '<rss version="2.0"></rss>');
  assert.equal(unzipped.gunzipped, true);
  assert.deepEqual(maybeGunzip(gzipSync(Buffer.alloc(10_000, 'a')), 1000), { error: 'gzip data expands beyond 1000 bytes', ruleId: 'gzip-too-large' });
  const corrupt = maybeGunzip(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
  assert.ok('error' in corrupt);
  assert.equal(corrupt.ruleId, 'gzip-corrupt');
});

test('decodeText: BOMs, UTF-16 with and without BOM, windows-1252 fallback', () => {
  assert.deepEqual(decodeText(Buffer.from('\uFEFFhéllo', 'utf8')), { text: 'héllo', encoding: 'utf-8' });
  assert.deepEqual(decodeText(Buffer.from('plain')), { text: 'plain', encoding: 'utf-8' });
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Zoë says hi', 'utf16le')]);
  assert.deepEqual(decodeText(le), { text: 'Zoë says hi', encoding: 'utf-16le' });
  const be = Buffer.from('Zoë says hi', 'utf16le');
  be.swap16();
  assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: 'Zoë says hi', encoding: 'utf-16be' });
  assert.deepEqual(decodeText(Buffer.from('no BOM here, still UTF-16', 'utf16le')), { text: 'no BOM here, still UTF-16', encoding: 'utf-16le' });
  assert.deepEqual(decodeText(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x6f, 0x6b, 0x92])), { text: 'Café ’ok’', encoding: 'windows-1252' });
});

test('UTF-16 input is text, not binary, and is classified after decoding', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"title":"x"}]', 'utf16le')]);
  assert.deepEqual(detect(le), { format: 'json' });
  assert.deepEqual(detect(Buffer.from('Just a short note about trade talks.', 'utf16le')), { format: 'text' });
});

test('feeds and other XML', () => {
  assert.deepEqual(detect('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0"><channel/></rss>'), { format: 'rss' });
  assert.deepEqual(
    detect('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>'),
    { format: 'rss' },
  );
  assert.deepEqual(detect('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'), { format: 'atom' });
  assert.deepEqual(detect('<?xml version="1.0"?><feed><entry/></feed>'), {
    error: 'XML but not an RSS or Atom feed (<feed> without the Atom namespace)',
    ruleId: 'unknown-xml',
  });
  assert.deepEqual(detect('<?xml version="1.0"?><note><to>A</to></note>'), { error: 'XML but not an RSS or Atom feed (root element <note>)', ruleId: 'unknown-xml' });
  assert.deepEqual(detect('<note><to>A</to></note>'), { error: 'XML but not an RSS or Atom feed (root element <note>)', ruleId: 'unknown-xml' });
});

test('HTML by doctype, root element or many tags', () => {
  assert.deepEqual(detect('<!DOCTYPE html><html><body><p>x</p></body></html>'), { format: 'html' });
  assert.deepEqual(detect('\n  <html lang="en"><head><title>t</title></head></html>'), { format: 'html' });
  assert.deepEqual(detect('<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"/>'), {
    format: 'html',
  });
  assert.deepEqual(detect('<div class="story"><p>Talks resumed.</p></div>'), { format: 'html' });
  assert.deepEqual(detect(`Saved page\n${'<p>para</p>\n'.repeat(6)}`), { format: 'html' });
  assert.deepEqual(detect('A story that mentions <b>one</b> tag.'), { format: 'text' });
});

test('JSON, JSON Lines, and broken JSON', () => {
  assert.deepEqual(detect('[{"title":"a","text":"b"}]'), { format: 'json' });
  assert.deepEqual(detect('\uFEFF{"articles":[{"title":"a"}]}'), { format: 'json' });
  assert.deepEqual(detect('{"title":"a"}\n{"title":"b"}\n'), { format: 'jsonl' });
  assert.deepEqual(detect('{"title":"a"}\n\n{"title":"b"}\n{"title":"c"}\n{"title":"d"}\n{"title":"e"}\n{"title":"f"}\nnot json'), { format: 'jsonl' });
  assert.deepEqual(detect('{"title":"a"}', 'one.jsonl'), { format: 'jsonl' });
  assert.deepEqual(detect('{"title":"a"}', 'one.json'), { format: 'json' });
  const broken = detect('[{"title": "a",');
  assert.ok('error' in broken);
  assert.equal(broken.ruleId, 'json-invalid');
  assert.match(broken.error, /^invalid JSON: /);
  assert.deepEqual(detect('[Reuters] Talks resumed on Monday.'), { format: 'text' });
  assert.deepEqual(detect('{ sic } said the editor, and left.'), { format: 'text' });
});

test('CSV and TSV need consistent delimiters and a header row', () => {
  assert.deepEqual(detect('title,text,date\nA,"b, c",2020\nD,"e\nf",2021\n'), { format: 'csv' });
  assert.deepEqual(detect('headline\tbody\nA\tb\nC\td\n'), { format: 'csv' });
  assert.deepEqual(detect('title;text\nA;b\nC;d\n'), { format: 'csv' });
  // Two records are enough only when the name says CSV.
  assert.deepEqual(detect('title,text\nA,b\n', 'x.csv'), { format: 'csv' });
  assert.deepEqual(detect('title,text\nA,b\n', 'x.txt'), { format: 'text' });
  assert.deepEqual(detect('Hello, world.\nThis, that and more, they said.\nOne line.\n'), { format: 'text' });
  assert.deepEqual(detect('1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n'), {
    error: "a ','-separated table of 3 columns without a header row; add a header line naming the columns",
    ruleId: 'csv-no-header',
  });
});

test('sniffDelimiter reads quoted fields and reports the header', () => {
  assert.deepEqual(sniffDelimiter('a,"b;c",d\n1,"2\n,3",4\n'), { delimiter: ',', fields: 3, records: 2, first: ['a', 'b;c', 'd'], header: true });
  assert.deepEqual(sniffDelimiter('x|y\n1|2\n3|4'), { delimiter: '|', fields: 2, records: 3, first: ['x', 'y'], header: true });
  assert.equal(sniffDelimiter('a,b\n1,2,3\n'), undefined);
});

test('formats of the shared corpora and evaluation files', () => {
  const file = (p: string): ReturnType<typeof detectFormat> => detectFormat(readFileSync(join(SHARED_DIR, p)), p);
  assert.deepEqual(file('corpora/reuters-2017/True.csv'), { format: 'csv' });
  assert.deepEqual(file('corpora/partisan-2017/Fake.csv'), { format: 'csv' });
  assert.deepEqual(file('corpora/abc-headlines-2003/abcnews-date-text.csv'), { format: 'csv' });
  assert.deepEqual(file('corpora/gdelt-sample/events.csv'), {
    error: 'a tab-separated table of 58 columns without a header row; add a header line naming the columns',
    ruleId: 'csv-no-header',
  });
  assert.deepEqual(file('eval/plover-gsr/PLOVER_GSR_CAMEO.txt'), { format: 'json' });
  assert.deepEqual(file('eval/countryinfo/people_leaders.csv'), { format: 'csv' });
  assert.deepEqual(file('eval/petrarch-format/PETR.UnitTest.records.xml'), {
    error: 'XML but not an RSS or Atom feed (root element <Validation>)',
    ruleId: 'unknown-xml',
  });
  for (const seed of readdirSync(join(SHARED_DIR, 'seeds')).filter((f) => f.endsWith('.txt'))) {
    assert.deepEqual(file(join('seeds', seed)), { format: 'text' }, seed);
  }
  const pages = readdirSync(join(SHARED_DIR, 'eval/extraction-zyte-dev/html')).sort().slice(0, 10);
  for (const page of pages) {
    const unzipped = maybeGunzip(readFileSync(join(SHARED_DIR, 'eval/extraction-zyte-dev/html', page)));
    assert.ok('bytes' in unzipped && unzipped.gunzipped, page);
    assert.deepEqual(detectFormat(unzipped.bytes, page), { format: 'html' }, page);
  }
});

test('describeJsonError gives a one-line reason with line and column', () => {
  const failure = (text: string): ReturnType<typeof describeJsonError> => {
    try {
      JSON.parse(text);
    } catch (e) {
      return describeJsonError(text, e);
    }
    throw new Error('parsed');
  };
  assert.deepEqual(failure('[\n{"title": "a"},\n{"title": }\n]'), { reason: "Unexpected token '}' at line 3, column 11", line: 3, column: 11 });
  assert.deepEqual(failure('{"a":1} x'), { reason: 'Unexpected non-whitespace character after JSON at line 1, column 9', line: 1, column: 9 });
  assert.deepEqual(failure('[{"a":1}'), { reason: "Expected ',' or ']' after array element at line 1, column 9", line: 1, column: 9 });
  assert.deepEqual(failure('[tru]'), { reason: "Unexpected token ']' at line 1, column 5", line: 1, column: 5 });
});
