/** graphql-js quotes the whole rejected variable in its message: a sign-up's password included. */
const REJECTED_VARIABLE = /^(Variable "\$\w+") got invalid value /;
/** Where in the variable the bad value sits; the last one, since the quoted value may contain anything. */
const WHERE = / at "[\w.[\]]+"; /g;

/**
 * The message of a rejected variable without the value it quoted, keeping where and why:
 * `Variable "$input" got an invalid value at "input.sendAt"; Expected type "DateTime"…`.
 * Any other message is returned as it is.
 */
export function withoutEchoedValue(message: string): string {
  const head = REJECTED_VARIABLE.exec(message)?.[1];
  if (!head) return message;
  const where = [...message.matchAll(WHERE)].at(-1);
  if (where) {
    const reason = message.slice(where.index + where[0].length);
    return `${head} got an invalid value${where[0].slice(0, -2)}; ${reason}`;
  }
  const cut = message.lastIndexOf('; ');
  return cut < 0 ? `${head} got an invalid value` : `${head} got an invalid value; ${message.slice(cut + 2)}`;
}
