import type {
  BlockNode,
  ExpressionNode,
  HashNode,
  LiteralNode,
  PathNode,
  ProgramNode,
  StatementNode,
} from './handlebars-ast';
import type { Requirement } from './requirements';
import { BLOCK_HELPERS, INLINE_HELPERS } from './template-helpers';
import { TemplateSourceError, positionOf } from './template-syntax';

/** A context a path can name: the root variables, or a value a `with`/`each` block entered. */
interface Scope {
  /** Where requirements in this context go; the innermost open `if` branch of the context is last. */
  readonly targets: Requirement[][];
  readonly blockParams: ReadonlyMap<string, 'context' | 'data'>;
}

interface ResolvedPath {
  readonly scope: Scope;
  readonly path: readonly string[];
}

type Located = { readonly loc: { readonly start: { readonly line: number; readonly column: number } } };

const HELPER_LIST = `the helpers are ${[...INLINE_HELPERS.keys()].join(', ')} and the blocks ${[...BLOCK_HELPERS.keys()].map((name) => `#${name}`).join(', ')}`;

/**
 * Checks that a parsed template uses only what Herald supports (known helpers with the
 * right arguments, no partials or decorators) and returns what it needs from its variables.
 * Mirrors Handlebars 4 scoping: `with` and `each` enter a new context, `if`/`unless` do not.
 */
export function analyzeTemplate(program: ProgramNode): Requirement[] {
  const root: Requirement[] = [];
  walkProgram(program, [{ targets: [root], blockParams: new Map() }]);
  return root;
}

function walkProgram(program: ProgramNode | undefined, scopes: readonly Scope[]): void {
  for (const statement of program?.body ?? []) walkStatement(statement, scopes);
}

function walkStatement(node: StatementNode, scopes: readonly Scope[]): void {
  switch (node.type) {
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement':
      if (node.params.length > 0 || hasOptions(node.hash)) {
        return walkHelperCall(node.path, node.params, node.hash, node, scopes);
      }
      return walkVariable(node.path, scopes);
    case 'BlockStatement':
      return walkBlock(node, scopes);
    case 'PartialStatement':
    case 'PartialBlockStatement':
      throw refuse(node, 'partials are not supported; write the content into the template');
    case 'Decorator':
    case 'DecoratorBlock':
      throw refuse(node, 'decorators are not supported');
    default: {
      const unknown: never = node;
      throw refuse(unknown, `unsupported syntax ${(unknown as { type: string }).type}`);
    }
  }
}

function walkVariable(path: PathNode | LiteralNode, scopes: readonly Scope[]): void {
  if (path.type !== 'PathExpression') {
    throw refuse(path, 'a mustache names a variable or a helper, not a literal');
  }
  const name = simpleName(path);
  if (name !== undefined && BLOCK_HELPERS.has(name)) {
    throw refuse(path, `{{${name}}} is a block helper; write {{#${name} …}}…{{/${name}}}`);
  }
  if (name !== undefined && INLINE_HELPERS.has(name)) {
    throw refuse(
      path,
      `{{${name}}} is a helper and needs arguments; write {{this.${name}}} for a variable of that name`,
    );
  }
  requirePath(path, scopes);
}

function walkHelperCall(
  path: PathNode | LiteralNode,
  params: readonly ExpressionNode[],
  hash: HashNode | undefined,
  node: Located,
  scopes: readonly Scope[],
): void {
  const name = path.type === 'PathExpression' ? simpleName(path) : undefined;
  const spec = name === undefined ? undefined : INLINE_HELPERS.get(name);
  if (name === undefined || spec === undefined) {
    if (name !== undefined && BLOCK_HELPERS.has(name)) {
      throw refuse(node, `${name} is a block helper; write {{#${name} …}}…{{/${name}}}`);
    }
    const called = path.type === 'PathExpression' ? path.original : 'a literal';
    throw refuse(node, `unknown helper ${called}; ${HELPER_LIST}`);
  }
  if (params.length !== spec.arguments) {
    throw refuse(
      node,
      `${name} takes ${spec.arguments} argument${spec.arguments === 1 ? '' : 's'}, got ${params.length}`,
    );
  }
  checkHelperOptions(name, spec.options, spec.checkOptions, hash, node);
  // default's first argument is the value that may be missing: that is what the helper is for.
  params.forEach((param, index) => walkExpression(param, scopes, !(name === 'default' && index === 0)));
  for (const pair of hash?.pairs ?? []) walkExpression(pair.value, scopes, true);
}

function checkHelperOptions(
  name: string,
  allowed: readonly string[],
  check: ((options: Readonly<Record<string, unknown>>) => void) | undefined,
  hash: HashNode | undefined,
  node: Located,
): void {
  const pairs = hash?.pairs ?? [];
  for (const pair of pairs) {
    if (!allowed.includes(pair.key)) {
      const known = allowed.length > 0 ? `its options are ${allowed.join(', ')}` : 'it takes no options';
      throw refuse(pair, `${name} has no option ${pair.key}; ${known}`);
    }
  }
  // Only a complete set of literal options can be judged before render time.
  const literals = pairs.filter((pair) => isLiteral(pair.value));
  if (!check || literals.length !== pairs.length || pairs.length === 0) return;
  try {
    check(Object.fromEntries(literals.map((pair) => [pair.key, (pair.value as LiteralNode).value])));
  } catch (error) {
    throw refuse(node, `${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function walkExpression(expression: ExpressionNode, scopes: readonly Scope[], required: boolean): void {
  if (expression.type === 'SubExpression') {
    walkHelperCall(expression.path, expression.params, expression.hash, expression, scopes);
  } else if (expression.type === 'PathExpression' && required) {
    requirePath(expression, scopes);
  }
}

function walkBlock(node: BlockNode, scopes: readonly Scope[]): void {
  const name = node.path.type === 'PathExpression' ? simpleName(node.path) : undefined;
  const maxBlockParams = name === undefined ? undefined : BLOCK_HELPERS.get(name);
  if (name === undefined || maxBlockParams === undefined) {
    if (name !== undefined && INLINE_HELPERS.has(name)) {
      throw refuse(node, `${name} is not a block helper; write {{${name} …}}`);
    }
    throw refuse(
      node,
      `sections are not supported; use {{#if}}, {{#unless}}, {{#each}} or {{#with}} (${HELPER_LIST})`,
    );
  }
  const [param] = node.params;
  if (param === undefined || node.params.length > 1) {
    throw refuse(node, `{{#${name}}} takes one argument, got ${node.params.length}`);
  }
  if (hasOptions(node.hash)) throw refuse(node, `{{#${name}}} takes no options`);
  const blockParams = node.program?.blockParams ?? [];
  if (blockParams.length > maxBlockParams) {
    throw refuse(
      node,
      `{{#${name}}} offers ${maxBlockParams === 0 ? 'no block params' : `at most ${maxBlockParams} block param(s)`}`,
    );
  }
  if (param.type === 'SubExpression') walkExpression(param, scopes, true);
  const target = param.type === 'PathExpression' ? resolvePath(param, scopes) : undefined;
  const current = scopes[scopes.length - 1]!;
  // A branch can be guarded only by a path of the same context it runs in.
  const guard = target?.scope === current ? target.path : undefined;
  switch (name) {
    case 'if':
    case 'unless':
      walkBranch(node.program, guard, name === 'if', scopes);
      walkBranch(node.inverse, guard, name !== 'if', scopes);
      return;
    case 'with':
      walkContext('within', node.program, target, blockParams, ['context'], scopes);
      walkBranch(node.inverse, guard, false, scopes);
      return;
    case 'each':
      if (target && target.path.length > 0) {
        addRequirement(target.scope, { kind: 'value', path: target.path });
      }
      walkContext('each', node.program, target, blockParams, ['context', 'data'], scopes);
      walkBranch(node.inverse, guard, false, scopes);
      return;
  }
}

/** Walks a branch; its requirements apply only when the guard has the given truthiness. */
function walkBranch(
  program: ProgramNode | undefined,
  guard: readonly string[] | undefined,
  truthy: boolean,
  scopes: readonly Scope[],
): void {
  const current = scopes[scopes.length - 1]!;
  if (guard === undefined) return walkProgram(program, scopes);
  const then: Requirement[] = [];
  current.targets.push(then);
  walkProgram(program, scopes);
  current.targets.pop();
  if (then.length > 0) addRequirement(current, { kind: 'when', path: guard, truthy, then });
}

/** Walks a block that enters the value at `target`; its requirements are checked inside that value. */
function walkContext(
  kind: 'within' | 'each',
  program: ProgramNode | undefined,
  target: ResolvedPath | undefined,
  blockParams: readonly string[],
  bindings: readonly ('context' | 'data')[],
  scopes: readonly Scope[],
): void {
  const then: Requirement[] = [];
  const params = new Map(blockParams.map((param, index) => [param, bindings[index] ?? 'data'] as const));
  walkProgram(program, [...scopes, { targets: [then], blockParams: params }]);
  // Without a target (a computed value) the needs inside cannot be checked before rendering.
  if (target && then.length > 0) addRequirement(target.scope, { kind, path: target.path, then });
}

function requirePath(path: PathNode, scopes: readonly Scope[]): void {
  const resolved = resolvePath(path, scopes);
  // A bare `this` or `@root` is the whole context, not a variable.
  if (resolved && resolved.path.length > 0) {
    addRequirement(resolved.scope, { kind: 'value', path: resolved.path });
  }
}

/** Which context a path reads and the path inside it; undefined for @data (index, key, …). */
function resolvePath(path: PathNode, scopes: readonly Scope[]): ResolvedPath | undefined {
  if (path.data) {
    return path.parts[0] === 'root' && path.depth === 0
      ? { scope: scopes[0]!, path: path.parts.slice(1) }
      : undefined;
  }
  const current = scopes.length - 1;
  if (path.depth > current) {
    throw refuse(
      path,
      `${path.original} climbs above the template's variables (only {{#with}} and {{#each}} enter a context)`,
    );
  }
  if (path.depth === 0 && !isScoped(path) && path.parts[0] !== undefined) {
    for (let index = current; index >= 0; index -= 1) {
      const binding = scopes[index]!.blockParams.get(path.parts[0]);
      if (binding === 'data') return undefined;
      if (binding === 'context') return { scope: scopes[index]!, path: path.parts.slice(1) };
    }
  }
  return { scope: scopes[current - path.depth]!, path: path.parts };
}

function addRequirement(scope: Scope, requirement: Requirement): void {
  scope.targets[scope.targets.length - 1]!.push(requirement);
}

/** A bare name (`name`), the only form Handlebars may take for a helper. */
function simpleName(path: PathNode): string | undefined {
  return !path.data && path.depth === 0 && path.parts.length === 1 && !isScoped(path)
    ? path.parts[0]
    : undefined;
}

/** `this.x` and `./x` always read the context, never a helper or block param. */
function isScoped(path: PathNode): boolean {
  return /^(\.|this\b)/.test(path.original);
}

function isLiteral(expression: ExpressionNode): expression is LiteralNode {
  return expression.type !== 'PathExpression' && expression.type !== 'SubExpression';
}

function hasOptions(hash: HashNode | undefined): boolean {
  return (hash?.pairs.length ?? 0) > 0;
}

function refuse(node: Located, reason: string): TemplateSourceError {
  return new TemplateSourceError(reason, positionOf(node));
}
