/** The email template the bench seeds into Herald, and the one the floor renders: the same mail either way. */
export const BENCH_EMAIL_TEMPLATE = {
  subject: 'Order {{order}} for {{name}}',
  body: 'Hello {{name}}, your order {{order}} has shipped.',
  bodyHtml: '<p>Hello {{name}}, your order <b>{{order}}</b> has shipped.</p>',
} as const;
