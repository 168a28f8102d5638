import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseObjects, podTemplates, schemaProblems } from '#test/support/delivery/kubernetes-objects.ts';
import { helm, repoRoot, run } from '#test/support/delivery/kubernetes-tools.ts';

// deploy/k8s: the kind cluster's config and the dependencies it runs for the chart's kind
// values, checked the way the chart is (schemas, then what the schemas cannot say).
const dir = path.join(repoRoot, 'deploy/k8s/dependencies');
const objects = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseObjects(readFileSync(path.join(dir, f), 'utf8')));
const kindValues = parse(readFileSync(path.join(repoRoot, 'helm/rookery/values-kind.yaml'), 'utf8')) as {
  secrets: { values: Record<string, string> };
  config: Record<string, string>;
};

describe('deploy/k8s', () => {
  it('holds only objects that satisfy their Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(10);
    expect(schemaProblems(objects)).toEqual([]);
  });

  it('runs every dependency the kind values point at, in their namespace, on the ports they name', () => {
    const urls = [...Object.values(kindValues.secrets.values), kindValues.config.S3_ENDPOINT!].filter((v) =>
      v.includes('://'),
    );
    expect(urls).toHaveLength(5);
    for (const url of urls) {
      const { hostname, port } = new URL(url);
      const [service, namespace] = hostname.split('.');
      const found = objects.find((o) => o.kind === 'Service' && o.metadata.name === service) as
        { metadata: { namespace: string }; spec: { ports: { port: number }[] } } | undefined;
      expect([url, found?.metadata.namespace]).toEqual([url, namespace]);
      expect([url, found?.spec.ports.map((p) => p.port)]).toEqual([
        url,
        expect.arrayContaining([Number(port)]),
      ]);
    }
  });

  it('gives every dependency probes and resources', () => {
    for (const { owner, pod } of podTemplates(objects)) {
      for (const c of pod.spec.containers) {
        expect([owner.metadata.name, c.resources?.limits?.memory]).toEqual([
          owner.metadata.name,
          expect.anything(),
        ]);
        if (owner.kind === 'Deployment') {
          expect([owner.metadata.name, Boolean(c.readinessProbe && c.livenessProbe)]).toEqual([
            owner.metadata.name,
            true,
          ]);
        }
      }
    }
  });

  it('creates a kind cluster whose ingress-ready node publishes 80 and 443 on loopback', () => {
    const cluster = parse(readFileSync(path.join(repoRoot, 'deploy/k8s/kind-config.yaml'), 'utf8')) as {
      kind: string;
      apiVersion: string;
      nodes: {
        role: string;
        kubeadmConfigPatches?: string[];
        extraPortMappings?: Record<string, unknown>[];
      }[];
    };
    expect([cluster.kind, cluster.apiVersion]).toEqual(['Cluster', 'kind.x-k8s.io/v1alpha4']);
    const node = cluster.nodes.find((n) => n.role === 'control-plane')!;
    expect(node.kubeadmConfigPatches?.join('\n')).toContain('node-labels: "ingress-ready=true"');
    expect(node.extraPortMappings).toEqual([
      { containerPort: 80, hostPort: 80, listenAddress: '127.0.0.1', protocol: 'TCP' },
      { containerPort: 443, hostPort: 443, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
  });

  it('has shell scripts that parse', () => {
    for (const script of ['up.sh', 'deploy.sh']) {
      const result = run('sh', ['-n', path.join(repoRoot, 'deploy/k8s', script)]);
      expect([script, result.status, result.stderr]).toEqual([script, 0, '']);
    }
  });
});

describe('deploy/k8s with OBSERVABILITY=1', () => {
  const upScript = readFileSync(path.join(repoRoot, 'deploy/k8s/up.sh'), 'utf8');
  const extraArgs = /HELM_EXTRA_ARGS="([^"]+)"/.exec(upScript)![1]!.split(' ');
  const stack = parse(
    readFileSync(path.join(repoRoot, 'deploy/k8s/observability/kube-prometheus-stack.values.yaml'), 'utf8'),
  ) as { grafana: { sidecar: { dashboards: { label: string; labelValue: string } } } };

  it('turns on the chart objects the stack consumes, and they render valid', () => {
    const result = helm([
      'template',
      'rookery',
      path.join(repoRoot, 'helm/rookery'),
      '-f',
      path.join(repoRoot, 'helm/rookery/values-kind.yaml'),
      ...extraArgs,
    ]);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const rendered = parseObjects(result.stdout);
    expect(schemaProblems(rendered)).toEqual([]);
    const kinds = rendered.map((o) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ServiceMonitor', 'PrometheusRule']));
    // The Grafana sidecar finds the dashboards by the label the chart puts on them.
    const { label, labelValue } = stack.grafana.sidecar.dashboards;
    expect(rendered.filter((o) => o.metadata.labels?.[label] === labelValue).length).toBeGreaterThan(0);
  });

  it('installs the stack in the namespace the NetworkPolicies admit scrapes from', () => {
    expect(upScript).toMatch(/kube-prometheus-stack --namespace monitoring/);
    const values = parse(readFileSync(path.join(repoRoot, 'helm/rookery/values-kind.yaml'), 'utf8')) as {
      networkPolicy: { prometheusNamespace: string };
    };
    expect(values.networkPolicy.prometheusNamespace).toBe('monitoring');
  });
});

describe('deploy/observability/prometheus', () => {
  it('passes promtool check rules', () => {
    const result = run('promtool', [
      'check',
      'rules',
      path.join(repoRoot, 'deploy/observability/prometheus/rookery.rules.yaml'),
    ]);
    expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
    expect(result.status).toBe(0);
  });
});
