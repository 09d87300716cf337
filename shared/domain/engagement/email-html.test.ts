import { describe, expect, it } from 'vitest';
import { linkLabel, renderEmailHtml } from './email-html';
import { rewriteHtmlLinks, rewriteTextLinks } from './links';

const bodyOf = (html: string) =>
  /<div style="max-width:600px;margin:0 auto">\n([\s\S]*)\n<\/div>/.exec(html)?.[1];

describe('renderEmailHtml', () => {
  it('escapes everything the customer or merchant wrote', () => {
    const html = renderEmailHtml('<script>alert("x")</script> & \'quotes\'', { subject: 'Hi <b>you</b>' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(bodyOf(html)).toBe(
      '<p style="margin:0 0 16px">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
    expect(html).toContain('<title>Hi &lt;b&gt;you&lt;/b&gt;</title>');
  });

  it('turns blank lines into paragraphs and single line breaks into <br>', () => {
    expect(bodyOf(renderEmailHtml('Hello Ada,\r\n\r\nYour cart\nis saved.\n\n\nThanks'))).toBe(
      [
        '<p style="margin:0 0 16px">Hello Ada,</p>',
        '<p style="margin:0 0 16px">Your cart<br>\nis saved.</p>',
        '<p style="margin:0 0 16px">Thanks</p>',
      ].join('\n'),
    );
  });

  it('makes each URL a link, the href exact and the label short, sentence punctuation left outside', () => {
    const body = bodyOf(
      renderEmailHtml('Shop https://shop.example/sale/?x=1&y=2#top. Or https://shop.example/'),
    );
    expect(body).toBe(
      '<p style="margin:0 0 16px">Shop <a href="https://shop.example/sale/?x=1&amp;y=2#top" style="color:#1a56db">shop.example/sale</a>. ' +
        'Or <a href="https://shop.example/" style="color:#1a56db">shop.example</a></p>',
    );
  });

  it('numbers its hrefs as the text part numbers its links, so click tokens name the same link', () => {
    const text = 'A https://a.example/1 then (see https://b.example/2) and\n\nhttps://c.example/3?q=a&b=c!';
    const inText: string[] = [];
    rewriteTextLinks(text, (url, i) => {
      inText[i] = url;
      return url;
    });
    const inHtml: string[] = [];
    rewriteHtmlLinks(renderEmailHtml(text), (url, i) => {
      inHtml[i] = url;
      return url;
    });
    expect(inHtml).toEqual(inText);
    expect(inHtml).toHaveLength(3);
  });

  it('appends the open pixel as a 1×1 image with an empty alt, only when given', () => {
    expect(renderEmailHtml('Hi')).not.toContain('<img');
    const html = renderEmailHtml('Hi', { pixelUrl: 'https://app.example/open/t/a.b?x=1&y=2' });
    expect(html).toMatch(
      /<img src="https:\/\/app\.example\/open\/t\/a\.b\?x=1&amp;y=2" width="1" height="1" alt="" [^>]*>\n<\/body>/,
    );
  });

  it('drops NUL characters rather than letting them collide with its link placeholders', () => {
    expect(bodyOf(renderEmailHtml('a\u00000\u0000b https://x.example/'))).toBe(
      '<p style="margin:0 0 16px">a0b <a href="https://x.example/" style="color:#1a56db">x.example</a></p>',
    );
  });
});

describe('linkLabel', () => {
  it.each([
    ['https://shop.example/', 'shop.example'],
    ['https://shop.example/p/mug/?utm_source=pulsepoint#r', 'shop.example/p/mug'],
    ['http://localhost:8220/a', 'localhost:8220/a'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, label) => {
    expect(linkLabel(url)).toBe(label);
  });
});
