export { checkImages } from './images.ts';
export { checkNames, checkPorts } from './names.ts';
export { checkObservability } from './observability.ts';
export { checkReferences } from './references.ts';
export { checkRetentionCoversSlos, checkSlos } from './slos.ts';
export { checkExposure, checkQuantities, checkQuotas, checkServiceSettings, checkSyncWindows } from './resources.ts';
export { RuleContext, type Rule } from './context.ts';
