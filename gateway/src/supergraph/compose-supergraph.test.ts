import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupergraphCompositionError, composeSupergraph } from './compose-supergraph';
import { SUBGRAPH_NAMES } from './subgraph-names';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const COMMITTED = join(REPO_ROOT, 'gateway', 'supergraph.graphql');

describe('the committed supergraph', () => {
  it('is what the subgraph schemas compose to today', () => {
    const fresh = composeSupergraph(REPO_ROOT);
    const committed = readFileSync(COMMITTED, 'utf8');
    if (committed !== fresh) {
      throw new Error(
        'gateway/supergraph.graphql is out of date with subgraphs/*/schema.graphql ' +
          `(first difference at line ${firstDifferentLine(committed, fresh)}): run \`npm run compose\` and commit the result`,
      );
    }
  });
});

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}

describe('composeSupergraph', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  function repoWith(schemas: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'herald-compose-'));
    roots.push(root);
    for (const name of SUBGRAPH_NAMES) {
      mkdirSync(join(root, 'subgraphs', name), { recursive: true });
      writeFileSync(join(root, 'subgraphs', name, 'schema.graphql'), schemas[name] ?? '');
    }
    return root;
  }

  const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';

  it('lists every composition error in one readable message', () => {
    const root = repoWith({
      users: `${link}type Query { me: Int } type Thing { a: Int }`,
      templates: `${link}type Query { template: String } type Thing { a: String }`,
      notifications: `${link}type Query { notification: String }`,
    });
    expect(() => composeSupergraph(root)).toThrow(SupergraphCompositionError);
    expect(() => composeSupergraph(root)).toThrow(/supergraph composition failed:\n {2}- .*Thing\.a/);
  });

  it('names the schema file that cannot be parsed', () => {
    const root = repoWith({ users: 'type Query {', templates: link, notifications: link });
    expect(() => composeSupergraph(root)).toThrow(/subgraphs\/users\/schema\.graphql: Syntax Error/);
  });
});
