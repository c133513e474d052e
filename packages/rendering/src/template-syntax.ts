import type Handlebars from 'handlebars';
import type { ProgramNode, SourcePosition } from './handlebars-ast';

/** A template source Herald refuses, with the 1-based line and column of the cause. */
export class TemplateSourceError extends Error {
  constructor(
    readonly reason: string,
    readonly position: SourcePosition | undefined,
  ) {
    super(position ? `line ${position.line}, column ${position.column}: ${reason}` : reason);
    this.name = 'TemplateSourceError';
  }
}

type HandlebarsEnvironment = typeof Handlebars;

/** The lexer position of the last token the parser read; jison keeps it on the shared parser. */
interface ParserState {
  readonly Parser?: {
    readonly lexer?: { readonly yylloc?: { readonly first_line: number; readonly first_column: number } };
  };
}

export function parseTemplate(env: HandlebarsEnvironment, source: string): ProgramNode {
  try {
    return env.parse(source) as unknown as ProgramNode;
  } catch (error) {
    throw new TemplateSourceError(
      describeParseError(error),
      parseErrorPosition(error, env as unknown as ParserState),
    );
  }
}

/** Handlebars reports 0-based columns; people and editors count from 1. */
export function positionOf(node: { readonly loc: { readonly start: SourcePosition } }): SourcePosition {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function parseErrorPosition(error: unknown, env: ParserState): SourcePosition | undefined {
  // Errors raised while building the AST (e.g. mismatched blocks) carry their own position.
  const { lineNumber, column } = error as { lineNumber?: unknown; column?: unknown };
  if (typeof lineNumber === 'number' && typeof column === 'number') {
    return { line: lineNumber, column: column + 1 };
  }
  const location = env.Parser?.lexer?.yylloc;
  return location ? { line: location.first_line, column: location.first_column + 1 } : undefined;
}

/** The parser's own words, without the position (reported separately) and the ASCII-art excerpt. */
function describeParseError(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  const head = lines[0]!.replace(/ on line \d+[.:]\s*/, ': ').replace(/ - \d+:\d+$/, '');
  const expecting = lines.find((line) => line.startsWith('Expecting'));
  return expecting ? `${head}${expecting}` : head.replace(/:\s*$/, '');
}
