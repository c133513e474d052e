import Handlebars from 'handlebars';
import { listRequiredVariables } from './requirements';
import { analyzeTemplate } from './template-analysis';
import { TemplateSourceError, parseTemplate } from './template-syntax';

const env = Handlebars.create();
const variablesOf = (source: string) => listRequiredVariables(analyzeTemplate(parseTemplate(env, source)));

function refusal(source: string): TemplateSourceError {
  try {
    analyzeTemplate(parseTemplate(env, source));
  } catch (error) {
    if (error instanceof TemplateSourceError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('analyzeTemplate', () => {
  it('lists plain and dotted variables once, in order of first use', () => {
    expect(
      variablesOf('Hi {{name}}, your {{order.id}} ships to {{{order.address.city}}}. Bye {{name}}'),
    ).toEqual(['name', 'order.id', 'order.address.city']);
  });

  it('does not count helpers, this, @data or block params as variables', () => {
    const source =
      '{{#each items as |item i|}}{{item.name}} {{i}} {{@index}} {{this}}{{/each}}' +
      '{{formatDate sentAt dateStyle="long"}} {{@root.brand}} {{this.plan}} {{./tier}}';
    expect(variablesOf(source)).toEqual(['items', 'sentAt', 'brand', 'plan', 'tier']);
  });

  it('counts what ../ reaches from inside a block and what helpers are given', () => {
    const source =
      '{{#each lines}}{{../currency}}{{/each}}{{formatNumber total style="currency" currency=currency}}';
    expect(variablesOf(source)).toEqual(['lines', 'currency', 'total']);
  });

  it('leaves out what only an if, a with or the value of default depends on', () => {
    const source =
      '{{#if coupon}}{{coupon.code}}{{/if}}{{#with manager}}{{email}}{{/with}}{{default nickname "friend"}}';
    expect(variablesOf(source)).toEqual([]);
  });

  it('gives the parser line and column of a syntax error', () => {
    const error = refusal('Hello {{name}},\nyour code is {{ code');
    expect(error.position).toEqual({ line: 2, column: 17 });
    expect(error.message).toMatch(/^line 2, column 17: Parse error: Expecting/);
  });

  it('gives the position of a block closed by the wrong name', () => {
    const error = refusal('Hi\n  {{#if vip}}VIP{{/each}}');
    expect(error.position).toEqual({ line: 2, column: 6 });
    expect(error.reason).toBe("if doesn't match each");
  });

  it.each([
    ['{{shout name}}', /unknown helper shout/, { line: 1, column: 1 }],
    ['ok\n{{> footer}}', /partials are not supported/, { line: 2, column: 1 }],
    ['{{#items}}{{name}}{{/items}}', /sections are not supported/, { line: 1, column: 1 }],
    ['{{formatDate}}', /needs arguments; write {{this.formatDate}}/, { line: 1, column: 3 }],
    ['{{if vip}}', /if is a block helper/, { line: 1, column: 1 }],
    ['{{default name}}', /default takes 2 arguments, got 1/, { line: 1, column: 1 }],
    ['{{formatNumber n digits=2}}', /formatNumber has no option digits/, { line: 1, column: 18 }],
    [
      '{{formatNumber n style="currency"}}',
      /formatNumber: Currency code is required/,
      { line: 1, column: 1 },
    ],
    ['{{#if a b}}x{{/if}}', /takes one argument, got 2/, { line: 1, column: 1 }],
    ['{{#if vip}}{{../name}}{{/if}}', /climbs above the template's variables/, { line: 1, column: 14 }],
  ])('refuses %j at its position', (source, reason, position) => {
    const error = refusal(source);
    expect(error.reason).toMatch(reason);
    expect(error.position).toEqual(position);
  });
});
