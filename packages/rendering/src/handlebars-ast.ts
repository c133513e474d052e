/**
 * The parts of the Handlebars AST this package reads. Written here because the published
 * typings mark optional members (hash, program, inverse) as always present.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

interface Located {
  readonly loc: { readonly start: SourcePosition };
}

export interface ProgramNode {
  readonly type: 'Program';
  readonly body: readonly StatementNode[];
  readonly blockParams?: readonly string[];
}

export interface PathNode extends Located {
  readonly type: 'PathExpression';
  readonly data: boolean;
  readonly depth: number;
  readonly parts: readonly string[];
  readonly original: string;
}

export interface LiteralNode extends Located {
  readonly type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral' | 'UndefinedLiteral' | 'NullLiteral';
  readonly value?: string | number | boolean;
}

export interface HashNode {
  readonly pairs: readonly {
    readonly key: string;
    readonly value: ExpressionNode;
    readonly loc: Located['loc'];
  }[];
}

export interface SubExpressionNode extends Located {
  readonly type: 'SubExpression';
  readonly path: PathNode | LiteralNode;
  readonly params: readonly ExpressionNode[];
  readonly hash?: HashNode;
}

export type ExpressionNode = PathNode | LiteralNode | SubExpressionNode;

export interface MustacheNode extends Located {
  readonly type: 'MustacheStatement';
  readonly path: PathNode | LiteralNode;
  readonly params: readonly ExpressionNode[];
  readonly hash?: HashNode;
}

export interface BlockNode extends Located {
  readonly type: 'BlockStatement';
  readonly path: PathNode | LiteralNode;
  readonly params: readonly ExpressionNode[];
  readonly hash?: HashNode;
  readonly program?: ProgramNode;
  readonly inverse?: ProgramNode;
}

export interface OtherStatementNode extends Located {
  readonly type:
    | 'ContentStatement'
    | 'CommentStatement'
    | 'PartialStatement'
    | 'PartialBlockStatement'
    | 'Decorator'
    | 'DecoratorBlock';
}

export type StatementNode = MustacheNode | BlockNode | OtherStatementNode;
