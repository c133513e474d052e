import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorClassName } from './error-classes.ts';
import { generateClientFiles } from './generate-client.ts';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

describe("the client's committed generated files", () => {
  it('are what the supergraph, the operations and the error tables generate today', async () => {
    const stale = (await generateClientFiles(REPO_ROOT))
      .filter((file) => readCommitted(file.path) !== file.content)
      .map((file) => file.path);
    if (stale.length > 0) {
      throw new Error(`out of date: ${stale.join(', ')}: run \`npm run client:gen\` and commit the result`);
    }
  });
});

describe('errorClassName', () => {
  it('names the class by the code, as the server names its own', () => {
    expect(errorClassName('BAD_USER_INPUT')).toBe('BadUserInputError');
    expect(errorClassName('GRAPHQL_VALIDATION_FAILED')).toBe('GraphqlValidationFailedError');
  });
});

function readCommitted(path: string): string | undefined {
  try {
    return readFileSync(join(REPO_ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}
