import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';

/**
 * How an operation's cost is estimated. A field costs `scalarCost` (or its entry in
 * `fieldCosts`), an object `objectCost` plus what is selected in it; a list multiplies the cost
 * of its items by how many there may be:
 * - a field with a `first` argument: its page size (the literal, clamped to `maxPageSize` since
 *   the subgraphs refuse more; a variable counts as `maxPageSize`; absent, the schema default).
 *   A connection hands its page size to the list inside it (`nodes`);
 * - any other list of objects: `unpaginatedListSize`.
 */
export type CostModel = {
  maxCost: number;
  objectCost: number;
  scalarCost: number;
  maxPageSize: number;
  unpaginatedListSize: number;
  /** `Type.field` of fields far larger than a usual value (a design document of up to 1 MiB). */
  fieldCosts: Readonly<Record<string, number>>;
};

type Walk = {
  model: CostModel;
  getType(name: string): GraphQLCompositeType | undefined;
  getFragment(name: string): FragmentDefinitionNode | undefined;
  /** Fragment costs by name and inherited page size; a spread of a fragment still being costed counts 0 (a cycle, refused by validation). */
  fragmentCosts: Map<string, number | 'pending'>;
};

/** The estimated cost of one operation under `model`. */
export function estimateOperationCost(options: {
  model: CostModel;
  operation: OperationDefinitionNode;
  rootType: GraphQLCompositeType;
  getType: Walk['getType'];
  getFragment: Walk['getFragment'];
}): number {
  const walk: Walk = {
    model: options.model,
    getType: options.getType,
    getFragment: options.getFragment,
    fragmentCosts: new Map(),
  };
  return selectionCost(walk, options.operation.selectionSet, options.rootType, undefined);
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  inheritedPage: number | undefined,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(walk, selection, parentType, inheritedPage);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type =
        selection.typeCondition === undefined ? parentType : walk.getType(selection.typeCondition.name.value);
      if (type !== undefined) cost += selectionCost(walk, selection.selectionSet, type, inheritedPage);
    } else {
      cost += fragmentCost(walk, selection.name.value, inheritedPage);
    }
  }
  return cost;
}

function fragmentCost(walk: Walk, name: string, inheritedPage: number | undefined): number {
  const key = `${name}/${inheritedPage ?? ''}`;
  const known = walk.fragmentCosts.get(key);
  if (known !== undefined) return known === 'pending' ? 0 : known;
  const fragment = walk.getFragment(name);
  const type = fragment === undefined ? undefined : walk.getType(fragment.typeCondition.name.value);
  if (fragment === undefined || type === undefined) return 0;
  walk.fragmentCosts.set(key, 'pending');
  const cost = selectionCost(walk, fragment.selectionSet, type, inheritedPage);
  walk.fragmentCosts.set(key, cost);
  return cost;
}

function fieldCost(
  walk: Walk,
  node: FieldNode,
  parentType: GraphQLCompositeType,
  inheritedPage: number | undefined,
): number {
  const { model } = walk;
  const name = node.name.value;
  // Introspection is off in production and bounded by the schema elsewhere (GraphiQL needs it).
  if (name === '__schema' || name === '__type') return 0;
  const field =
    isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[name] : undefined;
  if (field === undefined) return model.scalarCost; // __typename, or a field validation refuses anyway
  const itemType = getNamedType(field.type);
  if (node.selectionSet === undefined || isLeafType(itemType) || !isCompositeType(itemType)) {
    return model.fieldCosts[`${parentType.name}.${name}`] ?? model.scalarCost;
  }
  const page = pageSizeOf(model, node, field);
  const isList = isListType(getNullableType(field.type));
  const items = isList ? (page ?? inheritedPage ?? model.unpaginatedListSize) : 1;
  // A connection (an object with `first`) passes its page size on to the list inside it.
  const passedPage = isList ? undefined : page;
  return model.objectCost + items * selectionCost(walk, node.selectionSet, itemType, passedPage);
}

/** The page a field with a `first` argument may return; undefined for fields without one. */
function pageSizeOf(
  model: CostModel,
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
): number | undefined {
  const definition = field.args.find((argument) => argument.name === 'first');
  if (definition === undefined) return undefined;
  const clamp = (size: number) => Math.min(Math.max(size, 0), model.maxPageSize);
  const value = node.arguments?.find((argument) => argument.name.value === 'first')?.value;
  if (value === undefined || value.kind === Kind.NULL) {
    return typeof definition.defaultValue === 'number' ? clamp(definition.defaultValue) : model.maxPageSize;
  }
  return value.kind === Kind.INT ? clamp(Number.parseInt(value.value, 10)) : model.maxPageSize;
}

/**
 * Refuses an operation whose estimated cost is over `model.maxCost`. A validation rule, so it
 * runs once per distinct document (Apollo caches validated documents); it cannot see variables,
 * which is why a variable page size counts as the largest page.
 */
export function createCostLimitRule(model: CostModel): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const schema = context.getSchema();
      const rootType = schema.getRootType(operation.operation);
      if (rootType === null || rootType === undefined) return;
      const getType = (name: string) => {
        const type = schema.getType(name);
        return type !== undefined && isCompositeType(type) ? type : undefined;
      };
      const cost = estimateOperationCost({
        model,
        operation,
        rootType,
        getType,
        getFragment: (name) => context.getFragment(name) ?? undefined,
      });
      if (cost > model.maxCost) {
        context.reportError(
          new GraphQLError('The query is too costly: ask for smaller pages or fewer nested lists.', {
            nodes: [operation],
          }),
        );
      }
    },
  });
}
