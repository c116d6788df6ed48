/**
 * A Deployment `web` (nginx:1.27, two replicas, no namespace), valid against the Kubernetes
 * schemas; `containerLines` are added to its one container as written.
 */
export function webDeployment(...containerLines: string[]): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
${containerLines.map((line) => `          ${line}\n`).join('')}`;
}
