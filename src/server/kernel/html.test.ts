// The allow-list sanitiser against classic XSS payloads (OWASP filter-evasion style): whatever goes in,
// only allow-listed tags with safe attributes come out, and links keep only http(s)/mailto URLs.
import { describe, expect, it } from 'vitest';
import { htmlToText, safeUrl, sanitizeHtml } from './html.js';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=javascript:alert('XSS')>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<a onmouseover="alert(document.cookie)">xxs link</a>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
  '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;">x</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29">x</a>',
  '<a href="jav	ascript:alert(\'XSS\');">tab</a>',
  '<a href="jav&#x09;ascript:alert(\'XSS\');">encoded tab</a>',
  '<a href="jav&#x0A;ascript:alert(\'XSS\');">encoded newline</a>',
  '<a href=" &#14;  javascript:alert(\'XSS\');">leading junk</a>',
  '<a href="javascript&colon;alert(1)">colon entity</a>',
  '<SCRIPT/XSS SRC="http://xss.example/xss.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<SCRIPT SRC=http://xss.example/xss.js?< B >',
  '<iframe src=http://xss.example/scriptlet.html <',
  '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
  '<BODY BACKGROUND="javascript:alert(\'XSS\')">',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<STYLE>li {list-style-image: url("javascript:alert(\'XSS\')");}</STYLE><UL><LI>XSS</br>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')"><TD BACKGROUND="javascript:alert(\'XSS\')">',
  '<DIV STYLE="width: expression(alert(\'XSS\'));">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/scriptlet.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv">',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<a href=javascript:alert(1)>unquoted</a>',
  '<a href="http://ok.example" onclick="alert(1)">with handler</a>',
  "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<IMG SRC="jav&#x0D;ascript:alert(\'XSS\');">',
  '<a href="\u0000javascript:alert(1)">nul</a>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<base href="javascript:alert(1)//">',
  '<a href="https://ok.example/"/onmouseover=alert(1)>slash attr</a>',
  '"><script>alert(1)</script>',
];

const TAG =
  /^<\/?(p|br|strong|em|b|i|u|ul|ol|li|blockquote|h2|h3|h4|a|table|thead|tbody|tfoot|tr|th|td|caption)((?: (?:href|rel|title|colspan|rowspan|scope)="[^"<>]*")*)>$/;

/** Every tag in the output is allow-listed; every href is http(s)/mailto; no raw `<` outside tags. */
function assertInert(out: string) {
  for (const m of out.matchAll(/<[^>]*>?/g)) {
    const t = m[0];
    expect(t, `tag ${t} in ${out}`).toMatch(TAG);
    for (const h of t.matchAll(/href="([^"]*)"/g)) expect(h[1]).toMatch(/^(https?:|mailto:)/i);
  }
  expect(out.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
  expect(out).not.toMatch(/<(script|style|iframe|object|embed|img|svg|math|body|meta|base|form|input|div)/i);
  expect(out).not.toMatch(/\son\w+\s*=/i);
  expect(out).not.toMatch(/style=/i);
}

describe('sanitizeHtml', () => {
  it.each(PAYLOADS.map((p, i) => [i + 1, p]))('neutralises payload %i', (_n, payload) => {
    assertInert(sanitizeHtml(payload as string));
  });

  it('tests at least 25 payloads', () => expect(PAYLOADS.length).toBeGreaterThanOrEqual(25));

  it('drops dangerous elements with their content', () => {
    expect(sanitizeHtml('<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="x">inner</iframe><p>b</p>')).toBe(
      '<p>a</p><p>b</p>',
    );
  });

  it('keeps allowed markup and safe links, adding rel', () => {
    const out = sanitizeHtml(
      '<h2>Tiêu đề</h2><p><strong>Quyền</strong> <em>con</em> người<br></p><ul><li>một</li></ul><a href="https://example.vn/a?b=1&amp;c=2" target="_blank">x</a><a href="mailto:a@b.vn">m</a>',
    );
    expect(out).toBe(
      '<h2>Tiêu đề</h2><p><strong>Quyền</strong> <em>con</em> người<br></p><ul><li>một</li></ul><a href="https://example.vn/a?b=1&amp;c=2" rel="noopener nofollow">x</a><a href="mailto:a@b.vn" rel="noopener nofollow">m</a>',
    );
  });

  it('keeps table basics with numeric spans only', () => {
    expect(sanitizeHtml('<table><tr><td colspan="2" rowspan="x" onclick="y">1</td></tr></table>')).toBe(
      '<table><tr><td colspan="2">1</td></tr></table>',
    );
  });

  it('closes unclosed tags and ignores stray end tags', () => {
    expect(sanitizeHtml('<p><strong>x</p></em>')).toBe('<p><strong>x</strong></p>');
  });

  it('escapes text and keeps entities as text', () => {
    expect(sanitizeHtml('1 < 2 &amp; 3 > 2 &lt;script&gt;')).toBe('1 &lt; 2 &amp; 3 &gt; 2 &lt;script&gt;');
  });

  it('refuses non-http URL schemes however they are disguised', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'java\nscript:x',
      'jav&#x61;script:x',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '/relative',
    ]) {
      expect(safeUrl(u), u).toBeNull();
    }
    expect(safeUrl('https://example.vn/x')).toBe('https://example.vn/x');
  });

  it('extracts text for search', () => {
    expect(htmlToText(sanitizeHtml('<p>Quyền con người</p><p>&amp; trẻ em</p>'))).toBe('Quyền con người & trẻ em');
  });
});
