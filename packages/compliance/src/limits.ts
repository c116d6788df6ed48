/**
 * The bounds that keep policy evaluation cheap and finite, whatever an organization writes.
 * They are exported so the API layer can quote them in its error messages and documentation.
 */

/** Longest policy expression accepted, in UTF-8 bytes. */
export const MAX_EXPRESSION_BYTES = 4 * 1024;

/**
 * Deepest expression tree accepted. The parser, the type checker and the evaluator all recurse,
 * so a deeper tree could exhaust the stack; 100 levels is far beyond any readable policy.
 */
export const MAX_EXPRESSION_DEPTH = 100;

/**
 * Most macros (`all`, `exists`, `exists_one`, `map`, `filter`) nested inside one another.
 * Work grows as list length to the power of the nesting, so a fourth level is refused when the
 * policy is written rather than discovered at the cost limit on a large design.
 */
export const MAX_MACRO_NESTING = 3;

/**
 * Cost units one evaluation of one policy against one manifest may spend. A unit is one
 * expression node evaluated, or one element or character read by a function (see
 * `metered-env.ts` and `instrument.ts`), roughly half a microsecond here. The demo policies spend
 * 50 to 300 units on a three-container Deployment; the limit leaves hundreds of times that, and
 * stops a hostile expression after about a tenth of a second.
 */
export const DEFAULT_COST_LIMIT = 100_000;

/** Largest design content evaluated, in UTF-8 bytes: the contract's limit for design content. */
export const MAX_DESIGN_BYTES = 1024 * 1024;

/** YAML aliases one document may expand; more is treated as an alias bomb and refused. */
export const MAX_YAML_ALIASES = 100;
