import { deriveTextFromHtml } from './html-to-text';

describe('deriveTextFromHtml', () => {
  it('drops tags, keeps line breaks at block ends and <br>, and keeps Handlebars', () => {
    const html = `<html><head><title>x</title><style>p { color: red }</style></head>
      <body>
        <h1>Hello {{name}}</h1>
        <p>Your order <b>{{order.id}}</b> is on its way.<br/>Thanks &amp; bye</p>
        <!-- tracking -->
        <ul><li>{{#if vip}}VIP{{/if}}</li><li>&lt;3</li></ul>
        <script>alert(1)</script>
      </body></html>`;
    expect(deriveTextFromHtml(html)).toBe(
      'Hello {{name}}\nYour order {{order.id}} is on its way.\nThanks & bye\n{{#if vip}}VIP{{/if}}\n<3',
    );
  });

  it('collapses blank runs to one empty line', () => {
    expect(deriveTextFromHtml('<p>a</p><p></p><p></p><p>b</p>')).toBe('a\n\nb');
  });
});
