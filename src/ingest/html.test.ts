import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractHtml } from './html.js';
import { decodeEntities } from './html-entities.js';
import { stripTitleSuffix } from './html-meta.js';
import { looksTruncated, prepareHtml } from './html-prepare.js';
import { compileHtmlRules } from './html-rules.js';

const P1 =
  'Negotiators from Valdora and Brenn met again on Tuesday at the old customs house, the first formal session since the autumn dispute over fishing quotas closed the shared harbour to night traffic.';
const P2 =
  'Officials on both sides described the morning as “businesslike”. The delegations agreed to publish a joint timetable for the inspections that each government says it needs before the harbour can reopen fully.';
const P3 =
  'The talks are expected to last three days. A spokesperson for the Brenn trade ministry said the café owners and ferry operators along the quay had lost roughly a third of their winter income.';
const P4 =
  'Valdora’s delegation is led by the deputy foreign minister, who told reporters that any agreement would have to be approved by parliament before the end of the spring session.';

const ARTICLE_PAGE = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour talks resume in Valdora | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour talks resume in Valdora &amp; Brenn">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta name="author" content="Mira Holt">
<link rel="canonical" href="https://ledger.example/world/harbour-talks">
<script>window.tracker = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head>
<body>
<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li></ul></nav>
<article>
<header><h1>Harbour talks resume in Valdora &amp; Brenn</h1><p class="byline">By Mira Holt</p></header>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>Negotiators from Valdora and Brenn met again on Tuesday at the old customs house, the first formal session since the autumn dispute over fishing quotas closed the shared harbour to night traffic.</p>
<p>Officials on both sides described the morning as &ldquo;businesslike&rdquo;. The delegations agreed to publish a joint timetable for the inspections that each government says it needs before the harbour can reopen fully.</p>
<figure><img src="harbour.jpg" alt=""><figcaption>Boats wait outside the harbour mouth. (Photo: Ledger staff)</figcaption></figure>
<p>Advertisement</p>
<p>The talks are expected to last three days. A spokesperson for the Brenn trade ministry said the caf&eacute; owners and ferry operators along the quay had lost roughly a third of their winter income.</p>
<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Quota dispute explained</a></li><li><a href="/b">Ferry operators count the cost</a></li></ul></div>
<p>Valdora&rsquo;s delegation is led by the deputy foreign minister, who told reporters that any agreement would have to be approved by parliament before the end of the spring session.</p>
<div class="newsletter-signup"><p>Sign up for our morning briefing newsletter.</p></div>
<footer><p>Filed under: Diplomacy</p></footer>
</article>
<footer class="site-footer"><p>&copy; 2024 The Coastal Ledger. Contact the newsroom.</p></footer>
</body>
</html>`;

test('an article page: body text one paragraph per line, boilerplate removed and recorded, metadata found', () => {
  const doc = extractHtml(ARTICLE_PAGE, 'harbour.html');
  assert.deepEqual(doc, {
    origin: 'harbour.html',
    format: 'html',
    title: 'Harbour talks resume in Valdora & Brenn',
    text: [P1, P2, P3, P4].join('\n'),
    hints: {
      outlet: 'The Coastal Ledger',
      outletBasis: 'og:site_name',
      date: '2024-03-05T09:30:00Z',
      dateBasis: 'meta',
      url: 'https://ledger.example/world/harbour-talks',
      author: 'Mira Holt',
      lang: 'en-GB',
    },
    removed: [
      { text: 'Harbour talks resume in Valdora & Brenn By Mira Holt', ruleId: 'html-header', stage: 'html' },
      { text: 'Share on Facebook Tweet', ruleId: 'html-share', stage: 'html' },
      { text: 'Boats wait outside the harbour mouth. (Photo: Ledger staff)', ruleId: 'html-caption', stage: 'html' },
      { text: 'Related Quota dispute explained Ferry operators count the cost', ruleId: 'html-related', stage: 'html' },
      { text: 'Sign up for our morning briefing newsletter.', ruleId: 'html-newsletter', stage: 'html' },
      { text: 'Filed under: Diplomacy', ruleId: 'html-footer', stage: 'html' },
      { text: 'Advertisement', ruleId: 'html-advert', stage: 'html' },
    ],
    messages: [],
  });
  // Site navigation and the site footer are outside the article: gone, and not worth recording.
  assert.doesNotMatch(doc.text, /World desk|Contact the newsroom|not text|color: red/);
});

const DIV_PAGE = `<html><head><title>Ferry fares frozen - Quay Weekly</title>
<meta name="application-name" content="Quay Weekly">
<meta name="date" content="2024-04-01">
</head><body>
<div id="main-content">
<p>Quay Weekly staff</p>
<p>${P1}</p>
<div class="contributorBox"><p>Mira Holt covers the harbour for the paper and has done so since the strike.</p></div>
<p>${P2}</p>
<p>Read more: <a href="/x">How the quota dispute began</a></p>
<p>By Mira Holt and Tomas Berg</p>
<p>${P3}</p>
<p>You may also like...</p>
<p><a href="/1">Harbour master retires after forty years</a></p>
<p><a href="/2">New ferry timetable published for the spring</a></p>
<p>${P4}</p>
</div></body></html>`;

test('without an <article>, rule-matched blocks and lines are still removed and recorded', () => {
  const doc = extractHtml(DIV_PAGE, 'fares.html', { url: 'https://quay.example/fares' });
  assert.equal(doc.text, ['Quay Weekly staff', P1, P2, P3, P4].join('\n'));
  assert.deepEqual(
    doc.removed.map((r) => [r.ruleId, r.text]),
    [
      ['html-author', 'Mira Holt covers the harbour for the paper and has done so since the strike.'],
      ['html-related', 'Read more: How the quota dispute began'],
      ['html-byline', 'By Mira Holt and Tomas Berg'],
      ['html-related', 'You may also like...'],
      ['html-related', 'Harbour master retires after forty years'],
      ['html-related', 'New ferry timetable published for the spring'],
    ],
  );
  assert.equal(doc.title, 'Ferry fares frozen');
  assert.deepEqual(doc.hints, { outlet: 'Quay Weekly', outletBasis: 'meta', date: '2024-04-01', dateBasis: 'meta', url: 'https://quay.example/fares' });
});

test('JSON-LD gives publisher, date and authors when meta tags do not', () => {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'ignored' },
      {
        '@type': 'NewsArticle',
        headline: 'Quota deal signed',
        datePublished: '2024-05-02T08:00:00+02:00',
        author: [{ '@type': 'Person', name: 'Mira Holt' }, { '@type': 'Person', name: 'Tomas Berg' }],
        publisher: { '@type': 'Organization', name: 'Brenn Evening Post' },
        mainEntityOfPage: { '@id': 'https://post.example/quota-deal' },
      },
    ],
  });
  const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><main><p>${P1}</p><p>${P2}</p><p>${P3}</p></main><time datetime="2020-01-01">old</time></body></html>`;
  const doc = extractHtml(html, 'deal.html');
  assert.equal(doc.title, 'Quota deal signed');
  assert.deepEqual(doc.hints, {
    outlet: 'Brenn Evening Post',
    outletBasis: 'jsonld',
    date: '2024-05-02T08:00:00+02:00',
    dateBasis: 'jsonld',
    url: 'https://post.example/quota-deal',
    author: 'Mira Holt, Tomas Berg',
  });
  assert.equal(doc.text, [P1, P2, P3].join('\n'));
});

test('<time datetime> is the last resort for the date, <h1> for the title; malformed JSON-LD is ignored', () => {
  const html = `<html><head><title>Ledger</title><script type="application/ld+json">{"@type": "NewsArticle", oops</script></head><body>
<aside><time datetime="2024-01-01">a sidebar story</time></aside>
<article><header><h1>Quay &amp; harbour reopen</h1><time datetime="2024-06-09T10:00">9 June</time></header><p>${P1}</p><p>${P2}</p><p>${P3}</p></article></body></html>`;
  const doc = extractHtml(html, 't.html');
  assert.equal(doc.title, 'Quay & harbour reopen');
  assert.deepEqual(doc.hints, { date: '2024-06-09T10:00', dateBasis: 'meta' });
  assert.equal(doc.text, [P1, P2, P3].join('\n'));
});

test('character references are decoded in text, title and metadata', () => {
  const html = `<html><head><meta property="og:title" content="Caf&eacute; owners &amp; ferry crews &#8211; a &quot;quiet&quot; protest"><meta property="og:site_name" content="Ledger &#x26; Post"></head>
<body><article><p>${P1}</p><p>Owners of the caf&eacute; &amp; bakery said the fares were &#8220;unbearable&#8221;&nbsp;this winter &lt;despite&gt; the subsidy &#x2014; and so on &#128512;.</p><p>${P2}</p><p>${P3}</p></article></body></html>`;
  const doc = extractHtml(html, 'e.html');
  assert.equal(doc.title, 'Café owners & ferry crews – a "quiet" protest');
  assert.equal(doc.hints.outlet, 'Ledger & Post');
  assert.equal(doc.text.split('\n')[1], 'Owners of the café & bakery said the fares were “unbearable” this winter <despite> the subsidy — and so on 😀.');
});

test('truncated HTML is reported and what arrived is still extracted', () => {
  const cut = `<html><head><title>Cut short</title></head><body><article><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p><div class="sto`;
  const doc = extractHtml(cut, 'cut.html');
  assert.equal(doc.text, [P1, P2, P3, P4].join('\n'));
  assert.deepEqual(
    doc.messages.map((m) => [m.source, m.ruleId, m.severity]),
    [['ingest', 'html-truncated', 'warning']],
  );
  assert.match(doc.messages[0]!.reason, /^HTML document cut\.html ends early/);
  // Substantial content without </body> or </html> counts as truncated too.
  assert.equal(looksTruncated(`<html><body>${`<p>${P1}</p>`.repeat(20)}`), true);
  assert.equal(looksTruncated(`<html><body><p>${P1}</p></body></html>`), false);
  assert.equal(looksTruncated(`<html><body><p>${P1}</p><p>${P2}</p><p>and then the connection dro`), true);
  assert.equal(looksTruncated('plain text '.repeat(500)), false);
  assert.equal(looksTruncated(`<p>${P1}</p>`), false);
});

test('empty and whitespace-only input give empty text and an html-empty message', () => {
  for (const html of ['', '  \n\t  ']) {
    const doc = extractHtml(html, 'empty.html', { url: 'https://x.example/a' });
    assert.equal(doc.text, '');
    assert.deepEqual(doc.hints, { url: 'https://x.example/a' });
    assert.deepEqual(
      doc.messages.map((m) => [m.ruleId, m.reason]),
      [['html-empty', 'HTML document empty.html is empty']],
    );
  }
});

test('a page with no article gives empty text and an html-no-article message', () => {
  const html = `<html><head><title>Index | Site</title></head><body><nav><a href="/a">World</a> <a href="/b">Sport</a></nav><div class="menu"><a href="/c">Weather</a></div><footer>© Site</footer></body></html>`;
  const doc = extractHtml(html, 'index.html');
  assert.equal(doc.text, '');
  assert.deepEqual(
    doc.messages.map((m) => [m.ruleId, m.severity, m.reason]),
    [['html-no-article', 'warning', 'no article text found in index.html']],
  );
});

test('a short article inside a container whose name looks like boilerplate is still found', () => {
  const short = 'The council approved the harbour budget on Friday after a short debate, with two members voting against.';
  for (const cls of ['promo-wrapper', 'related-content', 'social-story']) {
    const html = `<html><body><nav><a href="/">Home</a></nav><div class="${cls}"><p>${short}</p><p>${short.replace('Friday', 'Monday')}</p></div></body></html>`;
    const doc = extractHtml(html, `${cls}.html`);
    assert.equal(doc.text, `${short}\n${short.replace('Friday', 'Monday')}`, cls);
    assert.deepEqual(doc.messages, [], cls);
  }
});

test('plain text given as HTML is still read', () => {
  const doc = extractHtml(`${P1}\n\n${P2}`, 'plain.html');
  assert.equal(doc.text, `${P1} ${P2}`);
});

test('hostile markup: nothing executable or hidden reaches the text, and deep nesting stays cheap', () => {
  const html = `<html><body><article><p>${P1}</p>
<p onclick="alert(1)">${P2}<img src=x onerror="alert(2)"><script>document.write("injected")</script></p>
<iframe src="javascript:alert(3)">frame text</iframe><div hidden>hidden text</div><p style="display:none">styled away</p><span aria-hidden="true">aria away</span>
<p>${P3}</p></article></body></html>`;
  const doc = extractHtml(html, 'x.html');
  assert.equal(doc.text, [P1, P2, P3].join('\n'));

  const deep = `<html><body>${'<div>'.repeat(50000)}<p>${P1}</p><p>${P2}</p><p>${P3}</p>${'</div>'.repeat(50000)}</body></html>`;
  const started = Date.now();
  assert.equal(extractHtml(deep, 'deep.html').text, [P1, P2, P3].join('\n'));
  assert.ok(Date.now() - started < 10000, 'deeply nested markup is flattened, not walked 50,000 levels deep');

  const stray = extractHtml(`<html><body><article><p>${P1}</p><p>If a<<b and c < d, then R&D &amp; AT&T &copy; stay text.</p><p>${P2}</p></article></body></html>`, 's.html');
  assert.equal(stray.text.split('\n')[1], 'If a<<b and c < d, then R&D & AT&T © stay text.');

  const garbage: Array<[string, string[]]> = [
    ['<a'.repeat(100000), ['html-truncated']],
    ['<'.repeat(200000), ['html-no-article']],
    [`<p x="${'y'.repeat(200000)}`, ['html-truncated', 'html-no-article']],
    ['<!--'.repeat(50000), ['html-truncated', 'html-no-article']],
  ];
  for (const [html, ruleIds] of garbage) {
    const t0 = Date.now();
    const doc = extractHtml(html, 'garbage.html');
    assert.ok(Date.now() - t0 < 5000, `garbage of ${html.length} chars took ${Date.now() - t0} ms`);
    assert.deepEqual(doc.messages.map((m) => m.ruleId), ruleIds, html.slice(0, 12));
  }

  const unclosed = `<html><body><article><p>${P1}</p><nav><p>${P2}</p><p>${P3}</p>`;
  assert.equal(extractHtml(unclosed, 'u.html').text, [P1, P2, P3].join('\n'), 'an unclosed dropped element does not swallow the page');
});

test('prepareHtml keeps what Readability reads and collects tag metadata', () => {
  const p = prepareHtml(
    `<!doctype html><html lang="fr"><head><title>A &amp; B</title><meta name="description" content="x &lt; y"><link rel="canonical" href="https://a.example/b?x=1&amp;y=2"><script type="application/ld+json">{"a":1}</script></head><body class="page"><!-- note --><div class="story" data-x="1" style="color:red"><p>Hi <a href="https://else.example">there</a> <a href="#top">top</a></p></div></body></html>`,
    { stripUnlikely: true },
  );
  assert.equal(p.html, '<html lang="fr"><head><title>A &amp; B</title></head><body><div class="story"><p>Hi <a>there</a> <a href="#">top</a></p></div></body></html>');
  assert.deepEqual([...p.meta], [['description', 'x < y']]);
  assert.equal(p.canonical, 'https://a.example/b?x=1&y=2');
  assert.deepEqual(p.jsonLd, ['{"a":1}']);
  assert.equal(p.title, 'A & B');
  assert.equal(p.lang, 'fr');
});

test('stripTitleSuffix removes the site name and short branded tails, not headline parts', () => {
  assert.equal(stripTitleSuffix('Harbour talks resume | The Coastal Ledger', 'The Coastal Ledger'), 'Harbour talks resume');
  assert.equal(stripTitleSuffix('Harbour talks resume - Coastal Ledger', 'The Coastal Ledger'), 'Harbour talks resume');
  assert.equal(stripTitleSuffix('Ledger | Harbour talks resume', 'Ledger'), 'Harbour talks resume');
  assert.equal(stripTitleSuffix('Harbour talks resume | World | Ledger Online'), 'Harbour talks resume');
  assert.equal(stripTitleSuffix('Valdora - Brenn talks resume at the harbour'), 'Valdora - Brenn talks resume at the harbour');
  assert.equal(stripTitleSuffix('Hello | Site', 'Site'), 'Hello');
  assert.equal(stripTitleSuffix('Daily deals are live, and more - IGN', 'IGN'), 'Daily deals are live, and more');
  assert.equal(stripTitleSuffix('Ferry fares frozen - quay.example', undefined, 'quay.example'), 'Ferry fares frozen');
});

test('decodeEntities handles numeric, Windows-1252 and common named references and leaves unknown ones', () => {
  assert.equal(decodeEntities('&amp;&lt;&gt;&quot;&#39;&#x41;&#65;&#150;&hellip;&eacute;&bogus;&amp'), '&<>"\'AA–…é&bogus;&');
  assert.equal(decodeEntities('&#0;&#xD800;&#1114112;'), '\ufffd\ufffd\ufffd');
});

test('the rules file is validated: a bad pattern or a missing field names the file and the rule', () => {
  assert.throws(
    () => compileHtmlRules({ elementRules: [], lineRules: [{ ruleId: 'html-x', pattern: '(', maxWords: 3 }] }, 'rules.json'),
    /^Error: ingest: invalid pattern in rules\.json lineRules\[0\]: \(: /,
  );
  assert.throws(
    () => compileHtmlRules({ elementRules: [{ ruleId: 'html-x', maxShare: 0.5 }], lineRules: [] }, 'rules.json'),
    /^Error: ingest: invalid rules\.json: elementRules\.0: an element rule needs attrs or tags$/,
  );
  assert.throws(() => compileHtmlRules({ elementRules: [], lineRules: [{ ruleId: 'x', pattern: 'a', maxWords: 1 }] }, 'rules.json'), /lineRules\.0\.ruleId/);
});
