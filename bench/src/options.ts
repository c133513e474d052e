import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { REPO_ROOT } from '@herald/testkit';

export const SCENARIO_NAMES = [
  'rest',
  'graphql',
  'bulk',
  'mixed',
  'subscribers',
  'floor',
  'ceilings',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The scenarios that load Herald; the floor and the ceilings run without it. */
export const HERALD_SCENARIOS: readonly ScenarioName[] = ['rest', 'graphql', 'bulk', 'mixed', 'subscribers'];

const optionsSchema = z
  .object({
    url: z.url().optional(),
    adminKey: z.string().min(1).optional(),
    quick: z.boolean(),
    only: z.array(z.enum(SCENARIO_NAMES)),
    outDir: z.string().min(1),
    profileDir: z.string().min(1).optional(),
  })
  .superRefine((options, context) => {
    if (options.url && !options.adminKey)
      context.addIssue({
        code: 'custom',
        path: ['adminKey'],
        message: '--url needs --admin-key (or HERALD_ADMIN_API_KEY): the bench seeds users and templates',
      });
  });

export type BenchOptions = z.output<typeof optionsSchema>;

export const USAGE = `npm run bench -- [--quick] [--only <${SCENARIO_NAMES.join('|')}>]... [--url <gateway> --admin-key <key>] [--out <dir>] [--profile <dir>]`;

/** Command-line flags; the admin key may also come from HERALD_ADMIN_API_KEY. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      'admin-key': { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const parsed = optionsSchema.safeParse({
    url: values.url?.replace(/\/+$/, ''),
    adminKey: values['admin-key'] ?? (values.url ? env.HERALD_ADMIN_API_KEY : undefined),
    quick: values.quick,
    only: (values.only ?? []).flatMap((value) => value.split(',')),
    outDir: values.out ?? join(REPO_ROOT, 'bench', 'results'),
    profileDir: values.profile,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`bad options:\n${issues.join('\n')}\nusage: ${USAGE}`);
  }
  return parsed.data;
}

export function selected(options: BenchOptions, name: ScenarioName): boolean {
  return options.only.length === 0 || options.only.includes(name);
}
