import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../types.js';
import { feedItemLinks, parseFeed } from './feed.js';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>World &amp; Wire</title>
<link>https://wire.example/</link>
<item>
  <title>Leaders meet in Geneva</title>
  <link>https://wire.example/a/1</link>
  <description>&lt;p&gt;Short &amp;amp; sweet.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>First paragraph.</p><script>alert(1)</script><p>Second &amp; last.</p>]]></content:encoded>
  <pubDate>Tue, 04 Feb 2025 10:00:00 GMT</pubDate>
  <dc:creator>Ann Lee</dc:creator>
</item>
<item><title>Only a title</title><guid>https://wire.example/a/2</guid></item>
<item><link>https://wire.example/a/3</link></item>
<item/>
<item>
  <title>Tariffs &amp;amp; talks</title><link>/a/5</link>
  <description>Plain text, no markup.</description>
  <source url="https://other.example/rss">Other Outlet</source>
  <author>ed@wire.example (Ed Ito)</author>
  <dc:date>2025-02-05</dc:date>
</item>
</channel>
</rss>`;

test('RSS 2.0: one doc per item with text, title, link, date, outlet and author', () => {
  const r = parseFeed(RSS, 'news.xml', 'rss');
  assert.deepEqual(r.docs, [
    {
      origin: 'news.xml#item-1',
      format: 'rss',
      title: 'Leaders meet in Geneva',
      text: 'First paragraph.\nSecond & last.',
      hints: {
        url: 'https://wire.example/a/1',
        date: 'Tue, 04 Feb 2025 10:00:00 GMT',
        dateBasis: 'feed',
        outlet: 'World & Wire',
        outletBasis: 'feed',
        author: 'Ann Lee',
      },
      removed: [],
      messages: [],
    },
    {
      origin: 'news.xml#item-2',
      format: 'rss',
      title: 'Only a title',
      text: 'Only a title',
      hints: { url: 'https://wire.example/a/2', outlet: 'World & Wire', outletBasis: 'feed' },
      removed: [],
      messages: [{ source: 'ingest', ruleId: 'text-from-title', reason: 'item has no text; the title is the text', severity: 'info', place: { item: 2 } }],
    },
    {
      origin: 'news.xml#item-5',
      format: 'rss',
      title: 'Tariffs & talks',
      text: 'Plain text, no markup.',
      hints: {
        url: 'https://wire.example/a/5',
        date: '2025-02-05',
        dateBasis: 'feed',
        outlet: 'Other Outlet',
        outletBasis: 'feed-item',
        author: 'Ed Ito',
      },
      removed: [],
      messages: [],
    },
  ]);
  assert.deepEqual(r.messages, [
    { source: 'ingest', ruleId: 'feed-item-empty', reason: 'no title and no text', severity: 'warning', place: { item: 3 } },
    { source: 'ingest', ruleId: 'feed-item-empty', reason: 'no title and no text', severity: 'warning', place: { item: 4 } },
  ]);
  assert.deepEqual(feedItemLinks(r.docs), ['https://wire.example/a/1', 'https://wire.example/a/2', 'https://wire.example/a/5']);
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <link href="https://atom.example/"/>
  <author><name>Desk</name></author>
  <entry>
    <title type="html">Talks &amp;amp; trade</title>
    <link rel="self" href="https://atom.example/self/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example/1"/>
    <published>2025-02-18T09:00:00Z</published>
    <updated>2025-02-19T09:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; two.</p><p>Three.</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title>
    <link href="2"/>
    <updated>2025-02-20</updated>
    <content src="https://atom.example/elsewhere"/>
    <summary type="html">&lt;p&gt;Brief &lt;b&gt;note&lt;/b&gt;&lt;/p&gt;</summary>
    <author><name>Kim</name></author>
  </entry>
  <entry>
    <title type="text">a &lt; b</title>
    <content type="text"><![CDATA[x <y> & z]]></content>
    <content-free/>
  </entry>
</feed>`;

test('Atom 1.0: alternate links, xhtml/html/text content, published before updated, feed author', () => {
  const r = parseFeed(ATOM, 'https://atom.example/feed', 'atom');
  assert.deepEqual(r.messages, []);
  assert.deepEqual(
    r.docs.map((d) => [d.origin, d.format, d.title, d.text, d.hints]),
    [
      [
        'https://atom.example/feed#item-1',
        'atom',
        'Talks & trade',
        'One & two.\nThree.',
        { url: 'https://atom.example/1', date: '2025-02-18T09:00:00Z', dateBasis: 'feed', outlet: 'Atom Desk', outletBasis: 'feed', author: 'Desk' },
      ],
      [
        'https://atom.example/feed#item-2',
        'atom',
        'Summary only',
        'Brief note',
        { url: 'https://atom.example/2', date: '2025-02-20', dateBasis: 'feed', outlet: 'Atom Desk', outletBasis: 'feed', author: 'Kim' },
      ],
      ['https://atom.example/feed#item-3', 'atom', 'a < b', 'x <y> & z', { outlet: 'Atom Desk', outletBasis: 'feed', author: 'Desk' }],
    ],
  );
});

test('RSS 1.0 (RDF): items beside the channel', () => {
  const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF Daily</title><link>https://rdf.example/</link>
    <items><rdf:Seq><rdf:li resource="https://rdf.example/1"/></rdf:Seq></items></channel>
  <item rdf:about="https://rdf.example/1"><title>First</title><link>https://rdf.example/1</link>
    <description>Body one.</description><dc:date>2025-01-30T08:00:00Z</dc:date><dc:creator>Lee</dc:creator></item>
</rdf:RDF>`;
  const r = parseFeed(rdf, 'rdf.xml', 'rss');
  assert.deepEqual(r.messages, []);
  assert.deepEqual(
    r.docs.map((d) => [d.origin, d.title, d.text, d.hints]),
    [
      [
        'rdf.xml#item-1',
        'First',
        'Body one.',
        { url: 'https://rdf.example/1', date: '2025-01-30T08:00:00Z', dateBasis: 'feed', outlet: 'RDF Daily', outletBasis: 'feed', author: 'Lee' },
      ],
    ],
  );
});

test('malformed feed: the error is reported with its line and complete items are still read', () => {
  const broken = `<rss version="2.0"><channel><title>Broken</title>
<item><title>Good one</title><description>ok</description></item>
<item><title>Bare & ampersand</title><description>still fine</description></item>
<item><title>Cut off</title><description>never ends`;
  const r = parseFeed(broken, 'news.xml', 'rss');
  assert.deepEqual(
    r.docs.map((d) => [d.origin, d.title, d.text, d.hints.outlet]),
    [
      ['news.xml#item-1', 'Good one', 'ok', 'Broken'],
      ['news.xml#item-2', 'Bare & ampersand', 'still fine', 'Broken'],
    ],
  );
  const expected: Message[] = [
    {
      source: 'ingest',
      ruleId: 'feed-malformed',
      reason: "cannot parse feed news.xml: char '&' is not expected at line 3",
      severity: 'warning',
      place: { line: 3, column: 19 },
    },
    { source: 'ingest', ruleId: 'feed-item-malformed', reason: '<item> not closed', severity: 'error', place: { item: 3 } },
  ];
  assert.deepEqual(r.messages, expected);
});

test('unrecoverable and empty feeds', () => {
  const truncated = parseFeed('<rss version="2.0"><channel><title>T</title>\n<item><title>x', 'cut.xml', 'rss');
  assert.deepEqual(truncated.docs, []);
  assert.deepEqual(truncated.messages, [
    {
      source: 'ingest',
      ruleId: 'feed-malformed',
      reason: 'cannot parse feed cut.xml: unexpected end of input (unclosed <rss> <channel> <item> <title>) at line 2',
      severity: 'error',
      place: { line: 2, column: 15 },
    },
    { source: 'ingest', ruleId: 'feed-item-malformed', reason: '<item> not closed', severity: 'error', place: { item: 1 } },
  ]);
  assert.deepEqual(parseFeed('<rss version="2.0"><channel><title>T</title></channel></rss>', 'e.xml', 'rss'), {
    docs: [],
    messages: [{ source: 'ingest', ruleId: 'feed-empty', reason: 'feed e.xml has no <item> elements', severity: 'warning' }],
  });
  assert.deepEqual(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>', 'e.atom', 'atom').messages, [
    { source: 'ingest', ruleId: 'feed-empty', reason: 'feed e.atom has no <entry> elements', severity: 'warning' },
  ]);
});

test('DOCTYPE entities are not expanded (no entity bombs)', () => {
  let entities = '<!ENTITY a0 "lol">';
  for (let i = 1; i < 10; i++) entities += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
  const xml = `<?xml version="1.0"?><!DOCTYPE rss [${entities}]><rss><channel><title>&a9;</title><item><title>t &a9;</title><description>d</description></item></channel></rss>`;
  const r = parseFeed(xml, 'bomb.xml', 'rss');
  assert.deepEqual(
    r.docs.map((d) => [d.title, d.text, d.hints.outlet]),
    [['t &a9;', 'd', '&a9;']],
  );
});
