import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  parseObjects,
  podTemplates,
  schemaProblems,
  type KubernetesObject,
  type PodTemplateOwner,
} from '#test/support/delivery/kubernetes-objects.ts';
import { helm, repoRoot, run } from '#test/support/delivery/kubernetes-tools.ts';

// The chart rendered by the real helm (v4) with each values file an operator would use,
// every object checked against the Kubernetes schemas, then the policies those schemas
// cannot express (they accept any extra or missing optional field).
const chart = path.join(repoRoot, 'helm/rookery');
const valueSets = {
  default: [],
  kind: ['values-kind.yaml'],
  production: ['values-production.yaml'],
} satisfies Record<string, string[]>;
type ValueSet = keyof typeof valueSets;

function valuesArgs(set: ValueSet): string[] {
  return valueSets[set].flatMap((file) => ['-f', path.join(chart, file)]);
}

function render(set: ValueSet, extra: string[] = []): KubernetesObject[] {
  const result = helm(['template', 'rel', chart, '--namespace', 'rookery', ...valuesArgs(set), ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return parseObjects(result.stdout);
}

const rendered = {} as Record<ValueSet, KubernetesObject[]>;
beforeAll(() => {
  for (const set of Object.keys(valueSets) as ValueSet[]) rendered[set] = render(set);
});

const byKind = (objects: KubernetesObject[], kind: string) => objects.filter((o) => o.kind === kind);
const find = (objects: KubernetesObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const component = (p: PodTemplateOwner) => p.pod.metadata.labels['app.kubernetes.io/component'];
const envOf = (objects: KubernetesObject[]) =>
  (find(objects, 'ConfigMap', 'rel-rookery') as unknown as { data: Record<string, string> }).data;

describe.each(Object.keys(valueSets) as ValueSet[])('helm/rookery with %s values', (set) => {
  const objects = () => rendered[set];

  it('passes helm lint --strict', () => {
    const result = helm(['lint', '--strict', chart, ...valuesArgs(set)]);
    expect(result.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
    expect(result.status).toBe(0);
  });

  it('renders only objects that satisfy their Kubernetes schemas', () => {
    expect(objects().length).toBeGreaterThan(10);
    expect(schemaProblems(objects())).toEqual([]);
  });

  it('labels every object with the app.kubernetes.io set', () => {
    for (const o of objects()) {
      for (const label of ['name', 'instance', 'version', 'managed-by', 'component', 'part-of']) {
        expect([o.kind, o.metadata.name, label, o.metadata.labels?.[`app.kubernetes.io/${label}`]]).toEqual([
          o.kind,
          o.metadata.name,
          label,
          expect.any(String),
        ]);
      }
    }
  });

  it('runs api, worker, the digest, the credentials purge and the migrations, each with the CLI command it needs', () => {
    const commands = Object.fromEntries(
      podTemplates(objects()).map((p) => [component(p), p.pod.spec.containers[0]!.args]),
    );
    expect(commands).toEqual({
      api: ['api'],
      worker: ['worker'],
      digest: ['digest:run'],
      'credentials-purge': ['credentials:purge'],
      migrations: ['migrate'],
    });
  });

  it('hardens every pod: numeric non-root user, read-only root, no capabilities, RuntimeDefault seccomp', () => {
    for (const { owner, pod } of podTemplates(objects())) {
      const where = `${owner.kind}/${owner.metadata.name}`;
      expect([where, pod.spec.securityContext]).toEqual([
        where,
        expect.objectContaining({
          runAsNonRoot: true,
          runAsUser: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        }),
      ]);
      expect([where, pod.spec.automountServiceAccountToken]).toEqual([where, false]);
      const emptyDirs = new Set((pod.spec.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
      for (const c of pod.spec.containers) {
        expect([where, c.securityContext]).toEqual([
          where,
          expect.objectContaining({
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          }),
        ]);
        for (const kind of ['requests', 'limits'] as const) {
          expect([where, kind, c.resources?.[kind]]).toEqual([
            where,
            kind,
            expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }),
          ]);
        }
        // With a read-only root, /tmp must be a writable volume.
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect([where, tmp && emptyDirs.has(tmp.name)]).toEqual([where, true]);
      }
    }
  });

  it('probes long-running pods on /health and /ready, and drains them before the grace period ends', () => {
    const shutdownSeconds = Number(envOf(objects()).SHUTDOWN_TIMEOUT_MS) / 1000;
    const deployments = podTemplates(objects()).filter((p) => p.owner.kind === 'Deployment');
    expect(deployments.map(component).sort()).toEqual(['api', 'worker']);
    for (const { pod } of deployments) {
      const c = pod.spec.containers[0]!;
      expect(c.startupProbe?.httpGet?.path).toBe('/health');
      expect(c.livenessProbe?.httpGet?.path).toBe('/health');
      expect(c.readinessProbe?.httpGet?.path).toBe('/ready');
      const sleep = c.lifecycle?.preStop?.exec?.command;
      expect(sleep?.[0]).toBe('sleep');
      // The app force-exits 5 s after SHUTDOWN_TIMEOUT_MS (serve.ts): all of it must fit.
      expect(pod.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        Number(sleep?.[1]) + shutdownSeconds + 5,
      );
    }
  });

  it('gives every workload a NetworkPolicy with both directions restricted, DNS allowed', () => {
    const policies = byKind(objects(), 'NetworkPolicy') as unknown as {
      spec: {
        podSelector: { matchLabels: Record<string, string> };
        policyTypes: string[];
        egress: { ports?: { port: number | string; protocol: string }[] }[];
      };
    }[];
    for (const p of podTemplates(objects())) {
      const covering = policies.filter((np) =>
        Object.entries(np.spec.podSelector.matchLabels).every(([k, v]) => p.pod.metadata.labels[k] === v),
      );
      expect([component(p), covering.length]).toEqual([component(p), 1]);
      expect(covering[0]!.spec.policyTypes.sort()).toEqual(['Egress', 'Ingress']);
      expect(covering[0]!.spec.egress[0]!.ports).toEqual(
        expect.arrayContaining([{ port: 53, protocol: 'UDP' }]),
      );
    }
  });

  it('admits API traffic only from the ingress controller and Prometheus, worker traffic only from Prometheus', () => {
    const sources = (name: string) =>
      (
        find(objects(), 'NetworkPolicy', name) as unknown as {
          spec: { ingress: { from: { namespaceSelector: { matchLabels: Record<string, string> } }[] }[] };
        }
      ).spec.ingress
        .flatMap((rule) => rule.from)
        .map((peer) => peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']);
    expect(sources('rel-rookery-api')).toEqual(['ingress-nginx', 'monitoring']);
    expect(sources('rel-rookery-worker')).toEqual(['monitoring']);
    expect(sources('rel-rookery-digest')).toEqual([]);
    expect(sources('rel-rookery-credentials-purge')).toEqual([]);
  });

  it('runs periodic work as CronJobs that never overlap and keep a bounded history', () => {
    const cronJobs = byKind(objects(), 'CronJob');
    expect(cronJobs.map((c) => c.metadata.name).sort()).toEqual([
      'rel-rookery-credentials-purge',
      'rel-rookery-digest',
    ]);
    for (const cronJob of cronJobs) {
      expect([cronJob.metadata.name, cronJob.spec]).toEqual([
        cronJob.metadata.name,
        expect.objectContaining({
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: expect.any(Number),
          successfulJobsHistoryLimit: expect.any(Number),
          failedJobsHistoryLimit: expect.any(Number),
        }),
      ]);
    }
    // The digest CronJob's clock and the app's digest date agree on the time zone.
    const digest = find(objects(), 'CronJob', 'rel-rookery-digest').spec as Record<string, unknown>;
    expect(digest.timeZone).toBe(envOf(objects()).DIGEST_TIME_ZONE);
  });

  it('migrates in a pre-install,pre-upgrade hook that brings everything it references', () => {
    const job = find(objects(), 'Job', 'rel-rookery-migrate');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const [migrate] = podTemplates([job]);
    const spec = migrate!.pod.spec;
    // Ordinary objects do not exist yet when a pre-install hook runs: what the pod names
    // must be an earlier hook, or a Secret the operator made beforehand.
    const earlierHook = (kind: string, name: string) => {
      const o = objects().find((x) => x.kind === kind && x.metadata.name === name);
      return (
        o?.metadata.annotations?.['helm.sh/hook'] === 'pre-install,pre-upgrade' &&
        Number(o.metadata.annotations['helm.sh/hook-weight']) < 0
      );
    };
    const existingSecret = parse(readFileSync(path.join(chart, 'values-production.yaml'), 'utf8')).secrets
      ?.existingSecret as string;
    for (const ref of spec.containers[0]!.envFrom ?? []) {
      expect(ref.configMapRef).toBeUndefined();
      const secret = ref.secretRef!.name;
      expect([
        secret,
        earlierHook('Secret', secret) || (set === 'production' && secret === existingSecret),
      ]).toEqual([secret, true]);
    }
    expect(earlierHook('ServiceAccount', spec.serviceAccountName!)).toBe(true);
    expect(earlierHook('NetworkPolicy', 'rel-rookery-migrate')).toBe(true);
    expect(spec.volumes?.some((v) => v.secret)).toBe(false);
  });

  it('mounts the JWT signing keys read-only where the app reads them', () => {
    const keysDir = envOf(objects()).JWT_KEYS_DIR;
    for (const p of podTemplates(objects()).filter((x) => component(x) !== 'migrations')) {
      const mount = p.pod.spec.containers[0]!.volumeMounts?.find((m) => m.mountPath === keysDir);
      const volume = p.pod.spec.volumes?.find((v) => v.name === mount?.name);
      expect([component(p), volume?.secret?.secretName]).toEqual([component(p), expect.any(String)]);
    }
  });

  it('lets 10 MB uploads and long-lived WebSockets through the Ingress', () => {
    const annotations = find(objects(), 'Ingress', 'rel-rookery').metadata.annotations!;
    expect(annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('10m');
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(
      3600,
    );
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(
      3600,
    );
  });

  it('keeps the ServiceAccount token out of pods', () => {
    for (const sa of byKind(objects(), 'ServiceAccount')) expect(sa.automountServiceAccountToken).toBe(false);
  });
});

describe('helm/rookery values', () => {
  it('scales the API on CPU and memory and keeps it available through node drains', () => {
    const hpa = find(rendered.default, 'HorizontalPodAutoscaler', 'rel-rookery-api').spec as {
      scaleTargetRef: { name: string };
      metrics: { resource: { name: string } }[];
    };
    expect(hpa.scaleTargetRef.name).toBe('rel-rookery-api');
    expect(hpa.metrics.map((m) => m.resource.name)).toEqual(['cpu', 'memory']);
    const pdb = find(rendered.default, 'PodDisruptionBudget', 'rel-rookery-api').spec as {
      selector: { matchLabels: Record<string, string> };
    };
    expect(pdb.selector.matchLabels['app.kubernetes.io/component']).toBe('api');
  });

  it('finds schema violations (the validator is not a rubber stamp)', () => {
    const api = structuredClone(find(rendered.default, 'Deployment', 'rel-rookery-api'));
    (api.spec as { replicas: unknown }).replicas = 'two';
    const monitor = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm' },
      spec: { endpoints: 'x' },
    };
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const problems = schemaProblems([api, monitor as KubernetesObject, unknown]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/Deployment\/rel-rookery-api: .*replicas/);
    expect(problems[1]).toMatch(/ServiceMonitor\/m: .*endpoints/);
    expect(problems[2]).toMatch(/Widget\/w: no model/);
  });

  it('leaves the Prometheus Operator objects off by default, and renders them valid when asked', () => {
    for (const kind of ['ServiceMonitor', 'PrometheusRule']) {
      expect(byKind(rendered.default, kind)).toHaveLength(0);
      expect(byKind(rendered.production, kind)).toHaveLength(1);
    }
  });

  it('ships the alert rules of deploy/observability unchanged', () => {
    const rules = readFileSync(
      path.join(repoRoot, 'deploy/observability/prometheus/rookery.rules.yaml'),
      'utf8',
    );
    expect(readFileSync(path.join(chart, 'files/rookery.rules.yaml'), 'utf8')).toBe(rules);
    expect(find(rendered.production, 'PrometheusRule', 'rel-rookery').spec).toEqual(parse(rules));
  });

  it('ships each Grafana dashboard as a sidecar ConfigMap, querying only metrics Rookery exports', () => {
    const dir = path.join(chart, 'files/dashboards');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const maps = byKind(rendered.production, 'ConfigMap').filter(
      (c) => c.metadata.labels?.grafana_dashboard === '1',
    );
    expect(maps.flatMap((m) => Object.keys(m.data as object)).sort()).toEqual(files.sort());
    expect(byKind(rendered.default, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard)).toEqual(
      [],
    );
    // Metric names declared in the source (counter/gauge/histogram configs); histograms add suffixes.
    const exported = new Set<string>();
    for (const file of readdirSync(path.join(repoRoot, 'src'), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const text = readFileSync(path.join(repoRoot, 'src', file), 'utf8');
      for (const [, name] of text.matchAll(/name: '([a-z]+_[a-z_]+)'/g)) {
        for (const suffix of ['', '_count', '_sum', '_bucket']) exported.add(name + suffix);
      }
    }
    for (const file of files) {
      const dashboard = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        uid: string;
        title: string;
        panels: { title: string; targets: { expr: string }[] }[];
      };
      expect([file, dashboard.uid, dashboard.title]).toEqual([file, expect.any(String), expect.any(String)]);
      for (const panel of dashboard.panels) {
        for (const { expr } of panel.targets) {
          const metrics = expr
            .replace(/\b(by|without)\s*\([^)]*\)/g, '')
            .replace(/\{[^}]*\}|\[[^\]]*\]|"[^"]*"/g, '')
            .match(/\b[a-z_][a-z0-9_]*\b(?!\s*\()/g);
          expect([panel.title, metrics?.length]).toEqual([panel.title, expect.any(Number)]);
          for (const metric of metrics!)
            expect([panel.title, metric, exported.has(metric)]).toEqual([panel.title, metric, true]);
        }
      }
    }
  });

  it('rolls the pods when the configuration changes', () => {
    const checksum = (objects: KubernetesObject[]) =>
      podTemplates(objects)
        .filter((p) => p.owner.kind !== 'Job') // the migration Job is new on every upgrade anyway
        .map((p) => p.pod.metadata.annotations?.['checksum/config']);
    const before = checksum(rendered.default);
    const after = checksum(render('default', ['--set', 'config.LOG_LEVEL=debug']));
    expect(before.every(Boolean)).toBe(true);
    after.forEach((sum, i) => expect(sum).not.toBe(before[i]));
  });

  it('uses existing Secrets instead of its own when told to', () => {
    const secrets = byKind(rendered.production, 'Secret').map((s) => s.metadata.name);
    expect(secrets).toEqual([]);
    const api = podTemplates(rendered.production).find((p) => component(p) === 'api')!;
    expect(api.pod.spec.containers[0]!.envFrom).toContainEqual({ secretRef: { name: 'rookery-env' } });
  });

  it.each([
    ['an unknown key', 'api:\n  replicaz: 3\n', "additional properties 'replicaz' not allowed"],
    ['a wrong type', 'worker:\n  replicas: "two"\n', "at '/worker/replicas'"],
    ['a setting the chart owns', 'config:\n  NODE_ENV: development\n', "at '/config'"],
    ['a secret in the ConfigMap', 'config:\n  DATABASE_URL: postgres://u:p@db/rookery\n', "at '/config'"],
  ])('fails the lint for values with %s', (_case, values, message) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rookery-values-')), 'values.yaml');
    writeFileSync(file, values);
    const result = helm(['lint', '--strict', chart, '-f', file]);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(message);
  });

  it('runs only commands the rookery CLI offers', () => {
    const usage = run(path.join(repoRoot, 'bin/rookery'), ['help']).stdout;
    const commands = new Set(
      podTemplates(rendered.default).flatMap((p) => p.pod.spec.containers.map((c) => c.args![0]!)),
    );
    for (const command of commands) expect(usage).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });
});
