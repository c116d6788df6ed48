/**
 * Turns a JSON pointer (`/spec/template/spec/containers/0/name`, as Ajv reports it) into the
 * path people write: `spec.template.spec.containers[0].name`. Keys that are not plain
 * identifiers are quoted: `metadata.labels["app.kubernetes.io/name"]`.
 */
export function pointerToFieldPath(pointer: string): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((path, segment) => appendField(path, segment), '');
}

/** Appends a key or an array index to a field path. */
export function appendField(path: string, segment: string): string {
  if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(segment)) return path === '' ? segment : `${path}.${segment}`;
  return `${path}[${JSON.stringify(segment)}]`;
}
