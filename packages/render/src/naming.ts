/** Names shared by components and the gitops engine, defined once. */
export const argocdNamespace = 'argocd';
/** The AppProject of platform add-ons; no team may take this name. */
export const addonsProject = 'platform-addons';
export const inClusterServer = 'https://kubernetes.default.svc';
