import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { deployProblems, defaultLayout } from '../../scripts/deploy-problems';

/**
 * `npm run deploy:check`, as CI runs it, on the shipped manifests; then on copies with
 * one mistake each, which it must name: a check that cannot fail checks nothing.
 */
const ROOT = join(__dirname, '../..');
const run = promisify(execFile);
let copy: string;

beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'oneplan-deploy-'));
  cpSync(join(ROOT, 'deploy/kubernetes'), copy, { recursive: true });
});

afterEach(() => rmSync(copy, { recursive: true, force: true }));

/** Sets `value` at `path` in the `index`-th document of `file` in the copy (undefined deletes it). */
function edit(file: string, index: number, path: (string | number)[], value: unknown) {
  const documents = parseAllDocuments(readFileSync(join(copy, file), 'utf8'));
  const document = documents[index]!;
  if (value === undefined) document.deleteIn(path);
  else document.setIn(path, value);
  writeFileSync(join(copy, file), documents.map((each) => each.toString()).join(''));
}

const problemsOfCopy = (readme = join(ROOT, 'README.md')) => deployProblems({ ...defaultLayout(ROOT), manifests: copy, readme });
const CONTAINER = ['spec', 'template', 'spec', 'containers', 0];

/** npm's environment without jest's NODE_OPTIONS. */
function processEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, ...env } = process.env;
  return env;
}

describe('npm run deploy:check', () => {
  it('passes the shipped manifests', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'deploy:check'], { cwd: ROOT, env: processEnv() });

    expect(stdout).toBe(
      'deployment consistent: Kubernetes schemas (kubernetes-models@4.5.1), kustomization, environment, images, README\n',
    );
  });

  it('fails, naming the file, object and field, on a manifest the Kubernetes schema refuses', async () => {
    edit('gateway.yaml', 0, ['spec', 'replicas'], 'two');
    edit('plan.yaml', 0, [...CONTAINER, 'ports', 0, 'containerPort'], 'http');

    const failure = await run('npm', ['run', '-s', 'deploy:check', '--', '--manifests', copy], {
      cwd: ROOT,
      env: processEnv(),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );

    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain(`${copy}/gateway.yaml: Deployment gateway: /spec/replicas must be integer\n`);
    expect(failure.stderr).toContain(
      `${copy}/plan.yaml: Deployment plan: /spec/template/spec/containers/0/ports/0/containerPort must be integer\n`,
    );
  });

  it('knows no kind Kubernetes does not', () => {
    edit('social.yaml', 1, ['kind'], 'Servic');

    expect(problemsOfCopy()).toEqual([
      `${copy}/social.yaml: Servic social: no Kubernetes schema for apiVersion v1, kind Servic`,
      `${copy}/social.yaml: Deployment social: no Service selects its pods`,
    ]);
  });

  it('refuses a variable no code reads, and a secret written into a manifest', () => {
    edit('health.yaml', 0, [...CONTAINER, 'env', 0, 'name'], 'NODE_ENVIRONMENT');
    edit('health.yaml', 0, [...CONTAINER, 'env', 5], { name: 'ONEPLAN_GRANT_KEY', value: 'written-into-the-manifest' });

    expect(problemsOfCopy()).toEqual([
      `${copy}/health.yaml: Deployment health: container health: NODE_ENV must be production`,
      `${copy}/health.yaml: Deployment health: container health: NODE_ENVIRONMENT is read by no oneplan code`,
      `${copy}/health.yaml: Deployment health: container health: ONEPLAN_GRANT_KEY holds a secret: take it from a secretKeyRef`,
    ]);
  });

  it('refuses probes that a kubelet cannot pass, and a container that may run as root or write its image', () => {
    edit('gateway.yaml', 0, [...CONTAINER, 'readinessProbe', 'httpGet', 'path'], '/health');
    edit('employment.yaml', 0, ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'], undefined);
    edit('employment.yaml', 0, [...CONTAINER, 'securityContext', 'readOnlyRootFilesystem'], false);

    expect(problemsOfCopy()).toEqual([
      `${copy}/employment.yaml: Deployment employment: the pod must run as non-root: securityContext.runAsNonRoot true and a runAsUser above 0`,
      `${copy}/employment.yaml: Deployment employment: container employment: securityContext.readOnlyRootFilesystem must be true`,
      `${copy}/gateway.yaml: Deployment gateway: container gateway: readinessProbe must GET /readyz`,
    ]);
  });

  it('refuses a kustomization resource that is missing, and a manifest it forgets', () => {
    edit('kustomization.yaml', 0, ['resources', 7], 'ingress.yaml');
    writeFileSync(join(copy, 'network-policy.yaml'), readFileSync(join(copy, 'namespace.yaml')));

    expect(problemsOfCopy()).toEqual([
      `${copy}/kustomization.yaml: Kustomization: resource ingress.yaml does not exist`,
      `${copy}/kustomization.yaml: Kustomization: network-policy.yaml is in the folder but not among its resources (name an example example-*.yaml)`,
    ]);
  });

  it('refuses a Secret in the kustomization, and an example that holds a real-looking value', () => {
    edit('example-secrets.yaml', 0, ['stringData', 'signing-key'], 'k3P9vQ2mX8rT5wZ1yB7nL4cF6hJ0dS3a');
    writeFileSync(
      join(copy, 'secrets.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: oneplan-keys\nstringData:\n  signing-key: x\n',
    );
    edit('kustomization.yaml', 0, ['resources', 7], 'secrets.yaml');

    expect(problemsOfCopy()).toEqual([
      `${copy}/example-secrets.yaml: Secret oneplan-keys: example value signing-key is not a "change-me" placeholder`,
      `${copy}/secrets.yaml: Secret oneplan-keys: a Secret in the kustomization: secrets are created outside the repository, never shipped in it`,
    ]);
  });

  it('refuses a Secret or ConfigMap reference the README does not document for operators', () => {
    const readme = join(copy, 'README.md');
    writeFileSync(
      readme,
      readFileSync(join(ROOT, 'README.md'), 'utf8')
        .split('\n')
        .filter((line) => !line.includes('`oneplan-social-database`'))
        .join('\n'),
    );

    expect(problemsOfCopy(readme)).toEqual([
      `${copy}/social.yaml: Deployment social: container social: SOCIAL_DATABASE_URL reads oneplan-social-database/url, which the README's "Running on Kubernetes" does not document`,
    ]);
  });
});
