/**
 * What a template needs from its variables. Paths are relative to the context where the
 * template uses them: the root variables, or the value a `with`/`each` block entered.
 */
export type Requirement =
  /** The value must be present (neither undefined nor null). */
  | { readonly kind: 'value'; readonly path: readonly string[] }
  /** `then` applies only while `{{#if path}}` takes the branch (`truthy`), or the other one. */
  | {
      readonly kind: 'when';
      readonly path: readonly string[];
      readonly truthy: boolean;
      readonly then: readonly Requirement[];
    }
  /** `{{#with path}}`: `then` applies inside the value, when there is one. */
  | { readonly kind: 'within'; readonly path: readonly string[]; readonly then: readonly Requirement[] }
  /** `{{#each path}}`: `then` applies to every element (or value, for an object). */
  | { readonly kind: 'each'; readonly path: readonly string[]; readonly then: readonly Requirement[] };

/** The variables every render needs, as dotted paths, in order of first use. */
export function listRequiredVariables(requirements: readonly Requirement[]): string[] {
  const names = requirements
    .filter((requirement) => requirement.kind === 'value')
    .map((requirement) => requirement.path.join('.'));
  return [...new Set(names)];
}

/** Every required value the variables lack, named by where it sits (`items[1].name`). */
export function findMissingVariables(requirements: readonly Requirement[], variables: unknown): string[] {
  const missing: string[] = [];
  collectMissing(requirements, variables, '', missing);
  return [...new Set(missing)];
}

/**
 * The named variables (dotted paths, as listRequiredVariables gives them) the values lack, once
 * each: what notifications checks when it accepts a request. A name that is itself a key
 * (`{ "order.id": 7 }`) is read there rather than as a path.
 */
export function findMissingVariablesByName(
  required: readonly string[],
  variables: Record<string, unknown>,
): string[] {
  return [...new Set(required)].filter((name) =>
    isAbsent(Object.hasOwn(variables, name) ? variables[name] : resolvePath(variables, name.split('.'))),
  );
}

function collectMissing(
  requirements: readonly Requirement[],
  scope: unknown,
  prefix: string,
  missing: string[],
): void {
  for (const requirement of requirements) {
    const value = resolvePath(scope, requirement.path);
    const name = joinName(prefix, requirement.path);
    switch (requirement.kind) {
      case 'value':
        if (isAbsent(value)) missing.push(name);
        break;
      case 'when':
        if (isTruthy(value) === requirement.truthy) collectMissing(requirement.then, scope, prefix, missing);
        break;
      case 'within':
        if (!isEmpty(value)) collectMissing(requirement.then, value, name, missing);
        break;
      case 'each':
        if (Array.isArray(value)) {
          value.forEach((element: unknown, index) =>
            collectMissing(requirement.then, element, `${name}[${index}]`, missing),
          );
        } else if (isObject(value)) {
          for (const [key, element] of Object.entries(value))
            collectMissing(requirement.then, element, `${name}.${key}`, missing);
        }
        break;
      default: {
        const unknownKind: never = requirement;
        throw new Error(`unknown requirement ${JSON.stringify(unknownKind)}`);
      }
    }
  }
}

/** Own properties only, as Handlebars resolves them (no prototype access). */
export function resolvePath(scope: unknown, path: readonly string[]): unknown {
  let current = scope;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function joinName(prefix: string, path: readonly string[]): string {
  return [prefix, ...path].filter((part) => part !== '').join('.');
}

/** A required value is missing when undefined or null; false, 0 and '' are values. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Handlebars' `{{#if}}`: false, 0, '', null, undefined and [] take the else branch. */
function isTruthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

/** Handlebars' `{{#with}}`: like `{{#if}}`, except that 0 counts as a value. */
function isEmpty(value: unknown): boolean {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}
