import {
  findMissingVariables,
  findMissingVariablesByName,
  listRequiredVariables,
  type Requirement,
} from './requirements';

describe('findMissingVariables', () => {
  const requirements: Requirement[] = [
    { kind: 'value', path: ['name'] },
    { kind: 'value', path: ['lines'] },
    { kind: 'each', path: ['lines'], then: [{ kind: 'value', path: ['sku'] }] },
    { kind: 'when', path: ['coupon'], truthy: true, then: [{ kind: 'value', path: ['coupon', 'code'] }] },
    { kind: 'when', path: ['vip'], truthy: false, then: [{ kind: 'value', path: ['upgradeLink'] }] },
    { kind: 'within', path: ['manager'], then: [{ kind: 'value', path: ['email'] }] },
  ];

  it('finds nothing missing when every needed value is there', () => {
    const variables = { name: 'Ada', lines: [{ sku: 'A' }], vip: true, manager: { email: 'm@x.test' } };
    expect(findMissingVariables(requirements, variables)).toEqual([]);
  });

  it('names every missing value by where it belongs', () => {
    const variables = {
      lines: { first: {}, second: { sku: 'B' } },
      coupon: { percent: 5 },
      vip: false,
      manager: {},
    };
    expect(findMissingVariables(requirements, variables)).toEqual([
      'name',
      'lines.first.sku',
      'coupon.code',
      'upgradeLink',
      'manager.email',
    ]);
  });

  it('treats null as missing and skips branches that will not render', () => {
    expect(findMissingVariables(requirements, { name: null, lines: [], coupon: '', vip: 1 })).toEqual([
      'name',
    ]);
  });

  it('lists only what every render needs as the variables', () => {
    expect(listRequiredVariables(requirements)).toEqual(['name', 'lines']);
  });
});

describe('findMissingVariablesByName', () => {
  it('lists the required variables that are absent or null, once each', () => {
    expect(findMissingVariablesByName(['name', 'code', 'name', 'link'], { name: 'Ada', link: null })).toEqual(
      ['code', 'link'],
    );
  });

  it('accepts falsy values that are present', () => {
    expect(
      findMissingVariablesByName(['count', 'flag', 'text'], { count: 0, flag: false, text: '' }),
    ).toEqual([]);
  });

  it('follows dotted names into nested objects', () => {
    expect(findMissingVariablesByName(['order.id', 'order.total'], { order: { id: 7 } })).toEqual([
      'order.total',
    ]);
  });

  it('accepts a flat key that contains a dot', () => {
    expect(findMissingVariablesByName(['order.id'], { 'order.id': 7 })).toEqual([]);
  });
});
