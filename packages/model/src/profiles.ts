import type { ResourceProfileName } from './spec.ts';
import type { Resources } from './platform.ts';

/** Requests and limits of each resource profile. Limits leave room for bursts. */
export const resourceProfiles: Readonly<Record<ResourceProfileName, Resources>> = {
  small: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
  medium: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  large: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
};
