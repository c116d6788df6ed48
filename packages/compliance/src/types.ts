/** The public data shapes of the compliance engine. */

/** One Kubernetes object of a design, as parsed from YAML (integers as `bigint`, as CEL's `int`). */
export type Manifest = Readonly<Record<string, unknown>>;
