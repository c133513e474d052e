import { missingVariables } from './template-variables';

describe('missingVariables', () => {
  it('lists the required variables that are absent or null, once each', () => {
    expect(missingVariables(['name', 'code', 'name', 'link'], { name: 'Ada', link: null })).toEqual([
      'code',
      'link',
    ]);
  });

  it('accepts falsy values that are present', () => {
    expect(missingVariables(['count', 'flag', 'text'], { count: 0, flag: false, text: '' })).toEqual([]);
  });

  it('follows dotted names into nested objects', () => {
    expect(missingVariables(['order.id', 'order.total'], { order: { id: 7 } })).toEqual(['order.total']);
  });

  it('accepts a flat key that contains a dot', () => {
    expect(missingVariables(['order.id'], { 'order.id': 7 })).toEqual([]);
  });
});
