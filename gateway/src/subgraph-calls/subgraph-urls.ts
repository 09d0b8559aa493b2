import { Kind, parse, type ConstValueNode } from 'graphql';

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

function stringArgument(args: readonly { name: { value: string }; value: ConstValueNode }[] | undefined, name: string) {
  const value = args?.find((arg) => arg.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

/**
 * The subgraphs a supergraph routes to, read from its `join__Graph` enum
 * (`@join__graph(name:, url:)`), each URL replaced by its override when one is given.
 */
export function subgraphEndpoints(
  supergraphSdl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
): SubgraphEndpoint[] {
  const joinGraph = parse(supergraphSdl).definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (joinGraph?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('The supergraph has no join__Graph enum');
  return (joinGraph.values ?? []).map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = stringArgument(directive?.arguments, 'name');
    const url = stringArgument(directive?.arguments, 'url');
    if (!name || url === undefined) throw new Error(`join__Graph.${value.name.value} names no subgraph and url`);
    return { name, url: overrides[name] || url };
  });
}

/** `PLAN_URL`, `EMPLOYMENT_URL`, … : one override per subgraph, by its upper-cased name. */
export function subgraphUrlOverridesFromEnv(names: readonly string[], env: NodeJS.ProcessEnv = process.env) {
  return Object.fromEntries(names.map((name) => [name, env[`${name.toUpperCase()}_URL`]]));
}
