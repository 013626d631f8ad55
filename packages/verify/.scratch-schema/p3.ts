import { checkSchemas } from '../src/schema.ts';
import { formatFinding } from '../src/finding.ts';
const objs = [
 { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'n', lables: {a:'b'}, labels: {a: 'b', 'a.b/c': 3} }, spec: { replicas: '3', selector: { matchLabels: { a: 'b' } }, template: { metadata: {labels:{a:'b'}}, spec: { securityContex: {}, containers: [{ name: 'a', image: 'b', ports: [{containerPort: 80, protocol: 'X'}], resources: {limits: {cpu: true}} }] } } }, status: { foo: 1 } },
 { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { project: 'default', destination: {server: 'x', namespace: 'y'}, sources: [{repoURL: 'x', chart: 'c', targetRevision: '1', helm: {valueFiles: ['$values/a.yaml'], valuesObject: {anything: {goes: 1}}}}, {repoURL: 'y', ref: 'values', targetRevision: 'main'}], syncPolicy: { automatic: {prune: true} } } },
 { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' }, spec: { selector: {matchLabels: {a: 'b'}}, endpoints: [{port: 'http', interval: '30s', pth: '/m'}] } },
 { apiVersion: 'foo.example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
 { apiVersion: 'v1', kind: 'PodSpec', metadata: { name: 'w' } },
 { kind: 'Thing' },
];
console.log(checkSchemas(objs.map((object, index) => ({ file: 'f.yaml', index, object }))).map(formatFinding).join('\n'));
