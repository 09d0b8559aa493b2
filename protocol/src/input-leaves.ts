import {
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLLeafType,
  type GraphQLSchema,
  type ObjectFieldNode,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/** One scalar or enum value a client sent, the type it is sent as and the input field or argument it fills. */
export interface InputLeaf {
  type: GraphQLLeafType;
  value: unknown;
  field: string;
}

/** A variable's value, walked along its declared type; a shape that does not fit is left to graphql-js's coercion. */
function* variableLeaves(type: GraphQLInputType, value: unknown, field: string): Generator<InputLeaf> {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) {
    yield* variableLeaves(type.ofType, value, field);
  } else if (isListType(type)) {
    // GraphQL's input coercion takes a single value where a list is expected.
    for (const item of Array.isArray(value) ? value : [value]) yield* variableLeaves(type.ofType, item, field);
  } else if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return;
    for (const [name, inputField] of Object.entries(type.getFields())) {
      yield* variableLeaves(inputField.type, (value as Record<string, unknown>)[name], name);
    }
  } else if (isLeafType(type)) {
    yield { type, value, field };
  }
}

const LEAF_VALUES: ReadonlySet<string> = new Set([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM]);

/** The argument, input field or variable (for a default value) a value fills, from the nodes above it, nearest last. */
function fieldOf(above: readonly (ASTNode | readonly ASTNode[] | undefined)[]): string {
  for (let i = above.length - 1; i >= 0; i--) {
    const node = above[i];
    if (!node || Array.isArray(node)) continue;
    const { kind } = node as ASTNode;
    if (kind === Kind.OBJECT_FIELD || kind === Kind.ARGUMENT) return (node as ObjectFieldNode | ArgumentNode).name.value;
    if (kind === Kind.VARIABLE_DEFINITION) return (node as VariableDefinitionNode).variable.name.value;
  }
  return 'input';
}

/** What a document alone says of its inputs: its literals, and the field each variable is first used for. */
interface DocumentInputs {
  literals: readonly InputLeaf[];
  variableUse: ReadonlyMap<string, string>;
}

/**
 * Per schema and document, so the walk is made once per distinct document:
 * Apollo Server hands every request with the same text the same parsed
 * document, and the walk, with its TypeInfo, was about 3 % of a subgraph's CPU
 * under the overview bench. Weak, so a document Apollo's cache lets go is let go here too.
 */
const documentInputs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentInputs>>();

function inputsOf(schema: GraphQLSchema, document: DocumentNode): DocumentInputs {
  let bySchema = documentInputs.get(schema);
  if (!bySchema) documentInputs.set(schema, (bySchema = new WeakMap()));
  const known = bySchema.get(document);
  if (known) return known;
  const literals: InputLeaf[] = [];
  const variableUse = new Map<string, string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node, _key, parent, _path, ancestors) {
        if (node.kind === Kind.VARIABLE) {
          const name = node.name.value;
          if (parent && !Array.isArray(parent) && (parent as ASTNode).kind === Kind.VARIABLE_DEFINITION) return;
          if (!variableUse.has(name)) variableUse.set(name, fieldOf([...ancestors, parent]));
          return;
        }
        if (!LEAF_VALUES.has(node.kind)) return;
        const type = getNamedType(typeInfo.getInputType() ?? undefined);
        if (type && isLeafType(type)) {
          literals.push({ type, value: valueFromASTUntyped(node as ValueNode), field: fieldOf([...ancestors, parent]) });
        }
      },
    }),
  );
  const inputs = { literals, variableUse };
  bySchema.set(document, inputs);
  return inputs;
}

/**
 * Every scalar and enum value of a request: the operation's variables, walked
 * along their declared types, and every literal in the document (arguments,
 * input objects, lists, variable defaults), typed by the schema. A value is
 * named by the input field it fills, a variable by the argument or field it is
 * first used for. Values the schema cannot type (a misspelt field) are skipped:
 * validation refuses them.
 */
export function* inputLeaves(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): Generator<InputLeaf> {
  const { literals, variableUse } = inputsOf(schema, document);
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const name = definition.variable.name.value;
    if (type) yield* variableLeaves(type, variables[name], variableUse.get(name) ?? name);
  }
  yield* literals;
}
