/**
 * Validates Kubernetes objects (a JSON array on stdin) against the published schema of each
 * one's apiVersion and kind with the `kubernetes-models` packages (Prometheus Operator kinds
 * from `@kubernetes-models/prometheus-operator`), and prints one problem per line.
 *
 * A separate Node process rather than an import inside Jest: Jest's resolver misreads the
 * packages' export subpaths with dots in them (`networking.k8s.io/v1`). A kind without a
 * model is a problem too, never a silent pass.
 */
import { text } from 'node:stream/consumers';

interface Validatable {
  validate(): void;
}
type ModelClass = { apiVersion: string; kind: string; new (data: unknown): Validatable };
interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

async function problemOf(object: KubernetesObject): Promise<string | null> {
  const where = `${object.apiVersion} ${object.kind}/${object.metadata?.name ?? '?'}`;
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion];
  const module =
    group === 'monitoring.coreos.com'
      ? `@kubernetes-models/prometheus-operator/${group}/${version}`
      : `kubernetes-models/${group ? `${group}/` : ''}${version}`;
  let models: Record<string, ModelClass>;
  try {
    models = (await import(module)) as Record<string, ModelClass>;
  } catch {
    return `${where}: no model (${module})`;
  }
  const Model = models[object.kind];
  if (!Model || Model.apiVersion !== object.apiVersion || Model.kind !== object.kind) {
    return `${where}: no model for this kind`;
  }
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return `${where}: ${(error as Error).message.replace(/\s+/g, ' ')}`;
  }
}

const objects = JSON.parse(await text(process.stdin)) as KubernetesObject[];
const problems = (await Promise.all(objects.map(problemOf))).filter((p) => p !== null);
for (const problem of problems) process.stdout.write(`${problem}\n`);
process.exitCode = problems.length ? 1 : 0;
