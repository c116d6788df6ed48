import { ManifestValidationError, parseManifests, type ManifestIssue } from '../src';
import { webDeployment } from './fixtures';

const deployment = webDeployment('ports: [{ containerPort: 80 }]');
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
`;

function issuesOf(content: string): readonly ManifestIssue[] {
  try {
    parseManifests(content);
  } catch (error) {
    if (error instanceof ManifestValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected the content to be refused');
}

describe('parseManifests', () => {
  it('accepts a Deployment and a Service in one multi-document YAML, skipping empty documents', () => {
    const { manifests, notes } = parseManifests(`---\n${deployment}---\n${service}---\n`);
    expect(
      manifests.map(({ document, apiVersion, kind, name, namespace }) => ({
        document,
        apiVersion,
        kind,
        name,
        namespace,
      })),
    ).toEqual([
      { document: 1, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: undefined },
      { document: 2, apiVersion: 'v1', kind: 'Service', name: 'web', namespace: 'shop' },
    ]);
    expect(manifests[0]?.object).toMatchObject({ spec: { replicas: 2 } });
    expect(notes).toEqual([]);
  });

  it('accepts JSON, which is YAML too', () => {
    const { manifests } = parseManifests(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings' },
        data: { a: 'b' },
      }),
    );
    expect(manifests).toHaveLength(1);
  });

  it('names the document and the field when metadata.name is missing', () => {
    expect(
      issuesOf(`${deployment}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: shop\n`),
    ).toEqual([{ document: 2, resource: null, field: 'metadata.name', message: 'is required' }]);
  });

  it('names document, kind/name and field when a Deployment has replicas: "three"', () => {
    const error = (() => {
      try {
        parseManifests(`${service}---\n${deployment.replace('replicas: 2', 'replicas: "three"')}`);
      } catch (caught) {
        return caught as ManifestValidationError;
      }
      throw new Error('expected the content to be refused');
    })();
    expect(error).toBeInstanceOf(ManifestValidationError);
    expect(error.field).toBe('content');
    expect(error.issues).toEqual([
      { document: 2, resource: 'Deployment/web', field: 'spec.replicas', message: 'must be integer' },
    ]);
    expect(error.message).toBe(
      'The design is not valid Kubernetes manifests:\ndocument 2 (Deployment/web): spec.replicas: must be integer',
    );
  });

  it('lists every failure of every document, not only the first', () => {
    const broken = deployment
      .replace('replicas: 2', 'replicas: "three"')
      .replace('        - name: web\n', '        - name: 7\n')
      .replace('  selector: { matchLabels: { app: web } }\n', '');
    const issues = issuesOf(
      `${broken}---\nkind: Service\nmetadata: { name: api }\n---\n${service.replace('port: 80,', 'port: "http",')}`,
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { document: 1, resource: 'Deployment/web', field: 'spec.replicas', message: 'must be integer' },
        { document: 1, resource: 'Deployment/web', field: 'spec.selector', message: 'is required' },
        {
          document: 1,
          resource: 'Deployment/web',
          field: 'spec.template.spec.containers[0].name',
          message: 'must be string',
        },
        { document: 2, resource: 'Service/api', field: 'apiVersion', message: 'is required' },
        { document: 3, resource: 'Service/web', field: 'spec.ports[0].port', message: 'must be integer' },
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('quotes keys that are not identifiers in field paths', () => {
    const labelled = service.replace(
      '  namespace: shop\n',
      '  namespace: shop\n  labels: { "app.kubernetes.io/name": 5 }\n',
    );
    expect(issuesOf(labelled)).toEqual([
      {
        document: 1,
        resource: 'Service/web',
        field: 'metadata.labels["app.kubernetes.io/name"]',
        message: 'must be string',
      },
    ]);
  });

  it('accepts a custom resource with the basic checks only, and says so', () => {
    const { manifests, notes } = parseManifests(
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w1 }\nspec: { size: "any shape" }\n',
    );
    expect(manifests).toHaveLength(1);
    expect(notes).toEqual([
      {
        document: 1,
        resource: 'Widget/w1',
        message:
          'example.com/v1 Widget is not a built-in kind of Kubernetes 1.33 (a custom resource?): only apiVersion, kind and metadata were checked',
      },
    ]);
  });

  it('still requires apiVersion, kind and metadata.name of a custom resource', () => {
    expect(issuesOf('apiVersion: example.com/v1\nkind: Widget\nmetadata: {}\n')).toEqual([
      { document: 1, resource: null, field: 'metadata.name', message: 'is required' },
    ]);
  });

  it('refuses YAML syntax errors, lists, scalars, List kinds, duplicates and empty content, naming the document', () => {
    expect(issuesOf(`${service}---\nkind: [unclosed\n`)).toEqual([
      { document: 2, resource: null, field: '', message: expect.stringMatching(/^not valid YAML: /) },
    ]);
    expect(issuesOf('- a\n- b\n')).toEqual([
      {
        document: 1,
        resource: null,
        field: '',
        message: 'must be a mapping (an object), not a list or a scalar',
      },
    ]);
    expect(issuesOf('apiVersion: v1\nkind: List\nmetadata: { name: all }\nitems: []\n')).toEqual([
      {
        document: 1,
        resource: 'List/all',
        field: 'kind',
        message: 'List is not deployable; write each item as its own document',
      },
    ]);
    expect(issuesOf(`${service}---\n${service}`)).toEqual([
      { document: 2, resource: 'Service/web', field: 'metadata.name', message: 'repeats document 1' },
    ]);
    expect(issuesOf('---\n# nothing here\n')).toEqual([
      { document: 1, resource: null, field: '', message: 'the design contains no Kubernetes manifest' },
    ]);
  });
});
