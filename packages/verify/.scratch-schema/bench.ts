import { checkSchemas } from '../src/schema.ts';
import type { TreeObject } from '../src/tree.ts';
const labels = { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/part-of': 'shop' };
const kinds = [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'orders', namespace: 'shop', labels }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { serviceAccountName: 'orders', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'app', image: 'ghcr.io/acme/orders:1.2.3', ports: [{ name: 'http', containerPort: 8080 }], env: [{ name: 'A', value: 'b' }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }, readinessProbe: { httpGet: { path: '/ready', port: 'http' } }, securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orders', namespace: 'shop', labels }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders', namespace: 'shop', labels }, data: { A: 'b', C: 'd' } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'orders', namespace: 'shop' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] } },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'orders', namespace: 'argocd' }, spec: { project: 'shop', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, source: { repoURL: 'https://git.example.com/deploy.git', path: 'deploy/orders', targetRevision: 'main' }, syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['ServerSideApply=true'] } } },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'orders', namespace: 'shop' }, spec: { selector: { matchLabels: labels }, endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }] } },
];
const objects: TreeObject[] = [];
for (let i = 0; i < 5000; i++) for (const k of kinds) objects.push({ file: `f${i}.yaml`, index: 0, object: structuredClone(k) });
let t0 = performance.now();
let findings = checkSchemas(objects);
console.log(`first run (incl. loading models): ${(performance.now() - t0).toFixed(0)} ms, ${objects.length} objects, ${findings.length} findings`);
t0 = performance.now();
findings = checkSchemas(objects);
console.log(`second run: ${(performance.now() - t0).toFixed(0)} ms`);
