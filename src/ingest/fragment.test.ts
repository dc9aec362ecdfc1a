import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlFragmentToText } from './fragment.js';

test('paragraphs become lines; inline markup and entities are flattened', () => {
  assert.equal(htmlFragmentToText('<p>One</p><p>Two <b>bold</b> &amp; <i>it</i></p>'), 'One\nTwo bold & it');
  assert.equal(htmlFragmentToText('Line one<br>Line two<br/><br />Line three'), 'Line one\nLine two\nLine three');
  assert.equal(htmlFragmentToText('<ul><li>a</li><li>b</li></ul><h2>Head</h2>tail'), 'a\nb\nHead\ntail');
  assert.equal(htmlFragmentToText('<blockquote>Quoted\n   text</blockquote><div>Div<div>Inner</div>after</div>'), 'Quoted text\nDiv\nInner\nafter');
});

test('table rows are lines and cells are separated', () => {
  assert.equal(htmlFragmentToText('<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>'), 'a b\nc d');
});

test('scripts, styles, noscript and iframes are dropped, nothing runs', () => {
  assert.equal(
    htmlFragmentToText('<script>alert(1)</script><style>p{}</style><noscript>no</noscript><iframe src="x">frame</iframe>Visible'),
    'Visible',
  );
  assert.equal(htmlFragmentToText('<img src=x onerror=alert(1)>after image'), 'after image');
});

test('named and numeric entities, non-breaking spaces, whitespace runs', () => {
  assert.equal(htmlFragmentToText('Caf&eacute; &#8217;quoted&#x2019; &nbsp;&nbsp;spaced   out'), 'Café ’quoted’ spaced out');
  assert.equal(htmlFragmentToText('a < b and c > d'), 'a < b and c > d');
});

test('plain text keeps its own line breaks; empty input is empty', () => {
  assert.equal(htmlFragmentToText('plain\n\n  text   with   spaces\r\nsecond'), 'plain\ntext with spaces\nsecond');
  assert.equal(htmlFragmentToText(''), '');
  assert.equal(htmlFragmentToText('<p> </p><div></div>'), '');
});

test('broken and deeply nested markup', () => {
  assert.equal(htmlFragmentToText('<p>Unclosed <b>bold'), 'Unclosed bold');
  assert.equal(htmlFragmentToText('<div>'.repeat(5000) + 'deep'), 'deep');
});
