import { withoutEchoedValue } from './without-echoed-value';

describe('withoutEchoedValue', () => {
  it('drops the quoted variable, keeping the reason', () => {
    expect(
      withoutEchoedValue(
        'Variable "$input" got invalid value { name: "x", password: "hunter2; at \\"a\\"", nickname: "x" }; Field "nickname" is not defined by type "CreateUserInput". Did you mean "name"?',
      ),
    ).toBe(
      'Variable "$input" got an invalid value; Field "nickname" is not defined by type "CreateUserInput". Did you mean "name"?',
    );
  });

  it('keeps where the bad value sits', () => {
    expect(
      withoutEchoedValue(
        'Variable "$input" got invalid value "-089844-06-03T16:57:18.325Z" at "input.sendAt"; Expected type "DateTime".',
      ),
    ).toBe('Variable "$input" got an invalid value at "input.sendAt"; Expected type "DateTime".');
  });

  it('leaves other messages alone', () => {
    expect(withoutEchoedValue('Variable "$input" of required type "X!" was not provided.')).toBe(
      'Variable "$input" of required type "X!" was not provided.',
    );
    expect(withoutEchoedValue('user 1 not found')).toBe('user 1 not found');
  });
});
