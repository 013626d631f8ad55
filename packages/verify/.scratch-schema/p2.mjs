import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
const require = createRequire(import.meta.url);
const root = path.dirname(fileURLToPath(import.meta.resolve('kubernetes-models')));
const { Service } = require(path.join(root, 'v1/Service.js'));
const { Deployment } = require(path.join(root, 'apps/v1/Deployment.js'));
function run(Cls, obj) { try { Cls.prototype.validate.call(obj); console.log('ok'); } catch (e) { console.log(e.message); console.log(e.errors); } }
run(Service, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x', labels: { 'a.b/c': 3 } }, spec: { type: 'Bogus', ports: [{ port: 80, targetPort: true, protocol: 'XX' }] } });
run(Deployment, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ image: 'x', resources: { limits: { cpu: true } } }] } } } });
