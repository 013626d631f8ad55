import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const require = createRequire(import.meta.url);
let t0 = performance.now();
const root = path.dirname(fileURLToPath(import.meta.resolve('kubernetes-models')));
const { Deployment } = require(path.join(root, 'apps/v1/Deployment.js'));
console.log('load deployment', performance.now() - t0);
t0 = performance.now();
const argoRoot = path.dirname(fileURLToPath(import.meta.resolve('@kubernetes-models/argo-cd')));
const { Application } = require(path.join(argoRoot, 'argoproj.io/v1alpha1/Application.js'));
console.log('load app', performance.now() - t0);

function track(value, reads, p) {
  if (value === null || typeof value !== 'object') return value;
  const entry = { read: new Set(), enumerated: false };
  reads.set(p, entry);
  return new Proxy(value, {
    get(target, key, recv) {
      if (typeof key === 'string') entry.read.add(key);
      const v = Reflect.get(target, key, recv);
      return typeof key === 'string' ? track(v, reads, p + '/' + key) : v;
    },
    has(target, key) { if (typeof key === 'string') entry.read.add(key); return Reflect.has(target, key); },
    ownKeys(target) { entry.enumerated = true; return Reflect.ownKeys(target); },
  });
}
function run(Cls, obj) {
  const reads = new Map();
  const proxied = track(obj, reads, '');
  let errors = [];
  try { Cls.prototype.validate.call(proxied); } catch (e) { errors = e.errors; }
  for (const [p, e] of reads) console.log(JSON.stringify(p), e.enumerated ? 'ENUM' : '', [...e.read].join(','));
  console.log(errors);
}
run(Deployment, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', lables: {a:'b'}, labels: {a: 'b'} }, spec: { replicas: '3', selector: { matchLabels: { a: 'b' } }, template: { metadata: {labels:{a:'b'}}, spec: { securityContex: {}, containers: [{ name: 'a', image: 'b', ports: [{containerPort: 80}], resources: {limits: {cpu: '1'}} }] } } } });
run(Application, { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { project: 'default', destination: {server: 'x', namespace: 'y'}, sources: [{repoURL: 'x', chart: 'c', targetRevision: '1', helm: {valueFiles: ['$values/a.yaml']}}, {repoURL: 'y', ref: 'values', targetRevision: 'main'}], syncPolicy: { automatic: {prune: true} } } });
