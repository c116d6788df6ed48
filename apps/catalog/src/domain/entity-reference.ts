/**
 * An entity another subgraph owns (Organization, Design, User), as this subgraph knows it: its key.
 * The owning subgraph resolves the rest, and decides who may see it.
 */
export type EntityReference = { id: string };
