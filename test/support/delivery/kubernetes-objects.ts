import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** Every object of a multi-document YAML stream (empty documents dropped). */
export function parseObjects(text: string): KubernetesObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(doc.errors.map((e) => e.message).join('\n'));
      return doc.toJS() as KubernetesObject | null;
    })
    .filter((o): o is KubernetesObject => o !== null);
}

/**
 * Every problem the Kubernetes schemas find in these objects (validate-kubernetes-objects.ts,
 * run by this same Node binary); an empty list when all are valid.
 */
export function schemaProblems(objects: KubernetesObject[]): string[] {
  const result = spawnSync(
    process.execPath,
    [path.join(import.meta.dirname, 'validate-kubernetes-objects.ts')],
    {
      input: JSON.stringify(objects),
      encoding: 'utf8',
    },
  );
  if (result.status !== 0 && !result.stdout) throw new Error(`validator failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}

export interface PodTemplateOwner {
  owner: KubernetesObject;
  /** The pod template's metadata and spec. */
  pod: {
    metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
    spec: PodSpec;
  };
}

export interface Container {
  name: string;
  args?: string[];
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  volumeMounts?: { name: string; mountPath: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
export interface PodSpec {
  securityContext?: Record<string, unknown> & { seccompProfile?: { type: string } };
  containers: Container[];
  volumes?: { name: string; emptyDir?: unknown; secret?: { secretName: string } }[];
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  terminationGracePeriodSeconds?: number;
}

/** Deployments, Jobs and CronJobs with the pod template each one runs. */
export function podTemplates(objects: KubernetesObject[]): PodTemplateOwner[] {
  const owners: PodTemplateOwner[] = [];
  for (const o of objects) {
    const spec = o.spec as Record<string, unknown> | undefined;
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet' || o.kind === 'DaemonSet' || o.kind === 'Job') {
      owners.push({ owner: o, pod: spec!.template as PodTemplateOwner['pod'] });
    } else if (o.kind === 'CronJob') {
      const job = spec!.jobTemplate as { spec: { template: PodTemplateOwner['pod'] } };
      owners.push({ owner: o, pod: job.spec.template });
    }
  }
  return owners;
}
