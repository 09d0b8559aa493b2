import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

type Variables = Record<string, unknown>;
type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;
export type SubgraphPath = (string | number)[];

/** `@skip` and `@include`, as the subgraph would have evaluated them. */
function included(selection: SelectionNode, variables: Variables): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  } catch {
    return true;
  }
}

/** The response names a selection set asks of an object of type `typename` (any type when undefined). */
function responseNames(
  selectionSet: SelectionSetNode,
  typename: string | undefined,
  fragments: Fragments,
  variables: Variables,
  names = new Set<string>(),
): Set<string> {
  const fits = (condition: string | undefined) => condition === undefined || typename === undefined || condition === typename;
  for (const selection of selectionSet.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (name !== '__typename') names.add(name);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (fits(selection.typeCondition?.name.value)) responseNames(selection.selectionSet, typename, fragments, variables, names);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && fits(fragment.typeCondition.name.value)) {
        responseNames(fragment.selectionSet, typename, fragments, variables, names);
      }
    }
  }
  return names;
}

function typenameOf(representation: unknown): string | undefined {
  const typename = (representation as { __typename?: unknown } | null)?.__typename;
  return typeof typename === 'string' ? typename : undefined;
}

/**
 * The paths, in the subgraph's own answer, of the fields a failed call leaves
 * null: each root field it was asked for, or each field asked of each entity
 * (`["_entities", i, field]`). @apollo/gateway maps these to the client's paths
 * exactly as it maps a subgraph's own errors. An entity whose type no fragment
 * names exactly (an interface condition) gets the path of the entity itself.
 */
export function missingFieldPaths(document: DocumentNode, variables: Variables = {}): SubgraphPath[] {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) return [];
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const [first, ...others] = operation.selectionSet.selections;
  const representations = variables.representations;
  if (first?.kind === Kind.FIELD && first.name.value === '_entities' && others.length === 0 && Array.isArray(representations)) {
    return representations.flatMap((representation, index): SubgraphPath[] => {
      const fields = first.selectionSet
        ? [...responseNames(first.selectionSet, typenameOf(representation) ?? '', fragments, variables)]
        : [];
      return fields.length > 0 ? fields.map((field) => ['_entities', index, field]) : [['_entities', index]];
    });
  }
  return [...responseNames(operation.selectionSet, undefined, fragments, variables)].map((field) => [field]);
}
