import type { ResourceProfileName } from '@strata/model';

/** Prometheus and friends sized by the environment's resource profile. */
export interface StackSizing {
  readonly prometheusMemoryRequest: string;
  readonly prometheusMemoryLimit: string;
  readonly prometheusCpuRequest: string;
  readonly prometheusStorage: string;
  readonly lokiStorage: string;
  readonly tempoStorage: string;
  /** Tempo's block retention, e.g. `72h`. */
  readonly traceRetention: string;
  /** Loki's retention period, e.g. `168h`. */
  readonly logRetention: string;
}

export const sizing: Readonly<Record<ResourceProfileName, StackSizing>> = {
  small: {
    prometheusMemoryRequest: '1Gi', prometheusMemoryLimit: '2Gi', prometheusCpuRequest: '250m', prometheusStorage: '20Gi',
    lokiStorage: '10Gi', tempoStorage: '10Gi', traceRetention: '72h', logRetention: '168h',
  },
  medium: {
    prometheusMemoryRequest: '4Gi', prometheusMemoryLimit: '8Gi', prometheusCpuRequest: '1', prometheusStorage: '100Gi',
    lokiStorage: '50Gi', tempoStorage: '50Gi', traceRetention: '336h', logRetention: '720h',
  },
  large: {
    prometheusMemoryRequest: '8Gi', prometheusMemoryLimit: '16Gi', prometheusCpuRequest: '2', prometheusStorage: '200Gi',
    lokiStorage: '100Gi', tempoStorage: '100Gi', traceRetention: '720h', logRetention: '2160h',
  },
};
