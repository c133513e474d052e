import { ConfigError } from './config-error';
import { devSecretRule, refuseInProduction, testOnlySwitchRule } from './production-rules';

const rules = [devSecretRule('JWT_SECRET', 'dev-secret'), testOnlySwitchRule('ALLOW_INSECURE')];

describe('refuseInProduction', () => {
  it('lets anything through outside production', () => {
    expect(() =>
      refuseInProduction({ NODE_ENV: 'development', JWT_SECRET: 'dev-secret', ALLOW_INSECURE: true }, rules),
    ).not.toThrow();
  });

  it('names the first variable a rule refuses, in the order of the rules', () => {
    const refuse = () =>
      refuseInProduction({ NODE_ENV: 'production', JWT_SECRET: 'dev-secret', ALLOW_INSECURE: true }, rules);
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(
      'invalid configuration: JWT_SECRET is the development default, which is refused when NODE_ENV=production',
    );
    expect(() =>
      refuseInProduction({ NODE_ENV: 'production', JWT_SECRET: 'real', ALLOW_INSECURE: true }, rules),
    ).toThrow('invalid configuration: ALLOW_INSECURE must not be true when NODE_ENV=production');
  });

  it('passes a production config no rule refuses', () => {
    expect(() =>
      refuseInProduction({ NODE_ENV: 'production', JWT_SECRET: 'real', ALLOW_INSECURE: false }, rules),
    ).not.toThrow();
  });
});
