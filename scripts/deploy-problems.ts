import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * What `npm run deploy:check` checks in `deploy/kubernetes`, offline: every manifest
 * against the Kubernetes API schemas, the kustomization's file list, and that the
 * manifests agree with the code (every variable they set is one the code reads),
 * the Dockerfile (one image target per Deployment) and the README (every Secret and
 * ConfigMap they reference is documented for operators).
 */
export interface DeployLayout {
  /** The repository: its code, Dockerfile and package.json. */
  root: string;
  /** The kustomize folder. */
  manifests: string;
  /** The README whose "Running on Kubernetes" section documents the referenced Secrets and ConfigMaps. */
  readme: string;
}

/** The schemas: kubernetes-models' validators, compiled with ajv from Kubernetes' own OpenAPI document. */
export const SCHEMA_PACKAGE = 'kubernetes-models@4.5.1';

export const README_SECTION = '## Running on Kubernetes';

export function defaultLayout(root: string): DeployLayout {
  return { root, manifests: join(root, 'deploy/kubernetes'), readme: join(root, 'README.md') };
}

type Json = Record<string, unknown>;

interface Manifest {
  file: string;
  kind: string;
  name: string;
  body: Json;
}

interface EnvVar {
  name?: string;
  value?: string;
  valueFrom?: { secretKeyRef?: KeyRef; configMapKeyRef?: KeyRef };
}

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

interface Probe {
  httpGet?: { path?: string; port?: string | number };
}

interface Container {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number }[];
  env?: EnvVar[];
  envFrom?: unknown[];
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Json; limits?: Json };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
  volumeMounts?: { name?: string }[];
}

interface PodSpec {
  enableServiceLinks?: boolean;
  automountServiceAccountToken?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers?: Container[];
  volumes?: { name?: string; configMap?: { name?: string }; secret?: { secretName?: string } }[];
}

interface Deployment {
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } };
}

interface Service {
  spec?: { selector?: Record<string, string>; ports?: { targetPort?: string | number }[] };
}

/** The fields a Kustomization may have, as kustomize itself refuses any other. */
const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'labels',
  'commonAnnotations',
  'resources',
  'components',
  'patches',
  'images',
  'replicas',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
]);

/** Variables that hold a secret: never a literal in a manifest, always a Secret reference. */
const SECRET_VARIABLE = /(_KEY|_TOKEN|_SECRET|_PASSWORD|_DATABASE_URL)$/;

/** Examples in the manifests folder, outside the kustomization: placeholders only. */
const EXAMPLE_FILE = /^example-.*\.ya?ml$/;
const PLACEHOLDER = 'change-me';

const yamlFiles = (dir: string) => readdirSync(dir).filter((file) => /\.ya?ml$/.test(file));

/** Every problem found, each naming its file and object; none means the deployment is consistent. */
export function deployProblems(layout: DeployLayout): string[] {
  const problems: string[] = [];
  const where = (file: string) => {
    const path = join(layout.manifests, file);
    return relative(layout.root, path).startsWith('..') ? path : relative(layout.root, path);
  };
  if (!existsSync(join(layout.manifests, 'kustomization.yaml'))) return [`${where('kustomization.yaml')}: missing`];

  const manifests: Manifest[] = [];
  for (const file of yamlFiles(layout.manifests)) {
    for (const document of parseAllDocuments(readFileSync(join(layout.manifests, file), 'utf8'))) {
      if (document.errors.length > 0) {
        problems.push(...document.errors.map((error) => `${where(file)}: ${error.message}`));
        continue;
      }
      const body: unknown = document.toJS();
      if (body === null || body === undefined) continue;
      if (typeof body !== 'object' || Array.isArray(body)) {
        problems.push(`${where(file)}: a document that is not a Kubernetes object`);
        continue;
      }
      const { kind, metadata } = body as { kind?: unknown; metadata?: { name?: unknown } };
      manifests.push({ file, kind: String(kind), name: String(metadata?.name ?? ''), body: body as Json });
    }
  }
  const say = (manifest: Manifest, problem: string) =>
    problems.push(`${where(manifest.file)}: ${[manifest.kind, manifest.name].filter(Boolean).join(' ')}: ${problem}`);

  const validate = kubernetesSchemas(layout.root);
  if (typeof validate === 'string') problems.push(validate);
  for (const manifest of manifests) {
    if (manifest.kind === 'Kustomization') continue;
    if (typeof validate !== 'string') for (const problem of validate(manifest.body)) say(manifest, problem);
  }

  const kustomization = manifests.find((manifest) => manifest.file === 'kustomization.yaml' && manifest.kind === 'Kustomization');
  if (!kustomization) return [...problems, `${where('kustomization.yaml')}: holds no Kustomization`];
  const listed = kustomizationProblems(kustomization, layout, (problem) => say(kustomization, problem));
  const deployed = manifests.filter((manifest) => listed.has(manifest.file) && manifest.kind !== 'Kustomization');
  for (const manifest of manifests.filter(({ file }) => EXAMPLE_FILE.test(file))) {
    for (const problem of exampleProblems(manifest)) say(manifest, problem);
  }
  for (const manifest of deployed.filter(({ kind }) => kind === 'Secret')) {
    say(manifest, 'a Secret in the kustomization: secrets are created outside the repository, never shipped in it');
  }

  const context: DeploymentContext = {
    readVariables: codeEnvironmentNames(layout.root),
    imageTargets: dockerfileTargets(layout.root),
    version: (JSON.parse(readFileSync(join(layout.root, 'package.json'), 'utf8')) as { version: string }).version,
    documented: documentedReferences(layout.readme),
    configMaps: new Map(
      deployed.filter(({ kind }) => kind === 'ConfigMap').map(({ name, body }) => [name, Object.keys((body.data as Json) ?? {})]),
    ),
  };
  const services = deployed.filter(({ kind }) => kind === 'Service');
  for (const manifest of deployed.filter(({ kind }) => kind === 'Deployment')) {
    for (const problem of deploymentProblems(manifest.name, manifest.body as Deployment, context)) say(manifest, problem);
    const labels = (manifest.body as Deployment).spec?.template?.metadata?.labels ?? {};
    if (!services.some((service) => selects((service.body as Service).spec?.selector, labels))) {
      say(manifest, 'no Service selects its pods');
    }
  }
  for (const service of services) {
    const selector = (service.body as Service).spec?.selector;
    const target = deployed.find(
      ({ kind, body }) => kind === 'Deployment' && selects(selector, (body as Deployment).spec?.template?.metadata?.labels ?? {}),
    );
    if (!target) say(service, 'selects no Deployment');
    const ports = (target?.body as Deployment | undefined)?.spec?.template?.spec?.containers?.flatMap((c) => c.ports ?? []) ?? [];
    for (const { targetPort } of (service.body as Service).spec?.ports ?? []) {
      if (target && !ports.some(({ name, containerPort }) => targetPort === name || targetPort === containerPort)) {
        say(service, `targetPort ${String(targetPort)} is no port of its pods`);
      }
    }
  }
  return problems;
}

const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

/** The kustomization's own fields and resources; returns the files it deploys. */
function kustomizationProblems(kustomization: Manifest, layout: DeployLayout, say: (problem: string) => void): Set<string> {
  const { body } = kustomization;
  if (body.apiVersion !== 'kustomize.config.k8s.io/v1beta1')
    say(`apiVersion ${String(body.apiVersion)} is not kustomize.config.k8s.io/v1beta1`);
  for (const field of Object.keys(body)) if (!KUSTOMIZATION_FIELDS.has(field)) say(`unknown field ${field}`);
  const resources = Array.isArray(body.resources) ? body.resources.map(String) : [];
  for (const resource of resources) {
    if (!existsSync(join(layout.manifests, resource))) say(`resource ${resource} does not exist`);
  }
  for (const file of yamlFiles(layout.manifests)) {
    if (file !== 'kustomization.yaml' && !EXAMPLE_FILE.test(file) && !resources.includes(file)) {
      say(`${file} is in the folder but not among its resources (name an example example-*.yaml)`);
    }
  }
  return new Set(resources);
}

/** An example must never carry a real secret: every value is a visible placeholder. */
function exampleProblems(manifest: Manifest): string[] {
  const values = { ...((manifest.body.stringData as Json) ?? {}), ...((manifest.body.data as Json) ?? {}) };
  return Object.entries(values)
    .filter(([, value]) => !String(value).includes(PLACEHOLDER))
    .map(([key]) => `example value ${key} is not a "${PLACEHOLDER}" placeholder`);
}

interface DeploymentContext {
  readVariables: Set<string>;
  imageTargets: Set<string>;
  version: string;
  /** For each Secret or ConfigMap the README documents, the keys on the same line. */
  documented: Map<string, Set<string>>;
  /** The ConfigMaps the kustomization ships, with their keys. */
  configMaps: Map<string, string[]>;
}

/** A Deployment of one oneplan service, as the README promises operators it runs. */
function deploymentProblems(name: string, deployment: Deployment, context: DeploymentContext): string[] {
  const problems: string[] = [];
  const pod = deployment.spec?.template?.spec ?? {};
  if (name === 'gateway' && (deployment.spec?.replicas ?? 1) < 2) problems.push('the gateway runs at least 2 replicas');
  // Service links inject <SERVICE>_PORT=tcp://…, a name oneplan reads as its own port setting.
  if (pod.enableServiceLinks !== false) problems.push('enableServiceLinks must be false');
  if (pod.automountServiceAccountToken !== false)
    problems.push('automountServiceAccountToken must be false: no service talks to the Kubernetes API');
  const user = pod.securityContext?.runAsUser;
  if (pod.securityContext?.runAsNonRoot !== true || !Number.isInteger(user) || (user as number) <= 0) {
    problems.push('the pod must run as non-root: securityContext.runAsNonRoot true and a runAsUser above 0');
  }
  const volumes = new Set((pod.volumes ?? []).map((volume) => volume.name));
  for (const volume of pod.volumes ?? []) {
    const reference = volume.configMap?.name ?? volume.secret?.secretName;
    if (reference && !context.documented.has(reference))
      problems.push(`volume ${volume.name} mounts ${reference}, which the README does not document`);
  }
  for (const container of pod.containers ?? []) {
    const say = (problem: string) => problems.push(`container ${container.name}: ${problem}`);
    if (container.image !== `oneplan/${name}:${context.version}`)
      say(`image ${container.image} is not oneplan/${name}:${context.version}`);
    if (!context.imageTargets.has(name)) say(`the Dockerfile has no target ${name}`);
    const portNames = new Set((container.ports ?? []).flatMap(({ name: port, containerPort }) => [port, containerPort]));
    const probes: [string, Probe | undefined, string][] = [
      ['livenessProbe', container.livenessProbe, '/livez'],
      ['readinessProbe', container.readinessProbe, '/readyz'],
      ...(container.startupProbe ? [['startupProbe', container.startupProbe, '/livez'] as [string, Probe, string]] : []),
    ];
    for (const [kind, probe, path] of probes) {
      if (probe?.httpGet?.path !== path) say(`${kind} must GET ${path}`);
      else if (!portNames.has(probe.httpGet.port))
        say(`${kind} asks port ${String(probe.httpGet.port)}, which the container does not declare`);
    }
    for (const bound of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory'])
        if (!container.resources?.[bound]?.[resource]) say(`resources.${bound}.${resource} is not set`);
    }
    const security = container.securityContext;
    if (security?.allowPrivilegeEscalation !== false) say('securityContext.allowPrivilegeEscalation must be false');
    if (security?.readOnlyRootFilesystem !== true) say('securityContext.readOnlyRootFilesystem must be true');
    if (!security?.capabilities?.drop?.includes('ALL')) say('securityContext.capabilities.drop must hold ALL');
    for (const mount of container.volumeMounts ?? [])
      if (!volumes.has(mount.name)) say(`mounts ${mount.name}, which is no volume of the pod`);
    if (container.envFrom) say('envFrom hides which variables are set; name each in env');
    problems.push(...environmentProblems(name, container, context).map((problem) => `container ${container.name}: ${problem}`));
  }
  return problems;
}

function environmentProblems(service: string, container: Container, context: DeploymentContext): string[] {
  const problems: string[] = [];
  const env = new Map((container.env ?? []).map((variable) => [variable.name ?? '', variable]));
  const prefix = service.toUpperCase();
  if (env.get('NODE_ENV')?.value !== 'production') problems.push('NODE_ENV must be production');
  if (env.get(`${prefix}_HOST`)?.value !== '0.0.0.0')
    problems.push(`${prefix}_HOST must be 0.0.0.0, to be reached from outside the pod`);
  const http = container.ports?.find(({ name }) => name === 'http')?.containerPort;
  if (env.get(`${prefix}_PORT`)?.value !== String(http))
    problems.push(`${prefix}_PORT must be the container's http port ${http}`);
  for (const [name, variable] of env) {
    if (!context.readVariables.has(name)) problems.push(`${name} is read by no oneplan code`);
    if (SECRET_VARIABLE.test(name) && !variable.valueFrom?.secretKeyRef)
      problems.push(`${name} holds a secret: take it from a secretKeyRef`);
    const reference = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
    if (!reference) continue;
    const keys = context.documented.get(reference.name ?? '');
    if (!keys?.has(reference.key ?? '')) {
      problems.push(
        `${name} reads ${reference.name}/${reference.key}, which the README's "${README_SECTION.slice(3)}" does not document`,
      );
    }
    const shipped = variable.valueFrom?.configMapKeyRef && context.configMaps.get(reference.name ?? '');
    if (shipped && !reference.optional && !shipped.includes(reference.key ?? '')) {
      problems.push(`${name} reads ${reference.name}/${reference.key}, a key the ConfigMap does not have`);
    }
  }
  return problems;
}

/**
 * The environment variables oneplan's product code reads: in every file that takes a
 * `ProcessEnv`, each `env.NAME`, each quoted `SOME_NAME`, and each `${…}_SUFFIX`
 * template for every subgraph (`<NAME>_PORT`, `<NAME>_DATABASE_URL`, …).
 */
export function codeEnvironmentNames(root: string): Set<string> {
  const subgraphs = readdirSync(join(root, 'subgraphs')).filter((name) =>
    existsSync(join(root, 'subgraphs', name, 'schema.graphql')),
  );
  const sources = ['protocol/src', 'gateway/src', ...readdirSync(join(root, 'subgraphs')).map((name) => `subgraphs/${name}/src`)];
  const names = new Set<string>();
  for (const source of sources.map((folder) => join(root, folder)).filter(existsSync)) {
    for (const file of readdirSync(source, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.includes('__tests__')) continue;
      const text = readFileSync(join(source, file), 'utf8');
      if (!/ProcessEnv|process\.env/.test(text)) continue;
      for (const [, name] of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)) names.add(name!);
      for (const [, name] of text.matchAll(/['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g)) names.add(name!);
      for (const [, suffix] of text.matchAll(/`\$\{[^}`]+\}(_[A-Z][A-Z0-9_]*)`/g)) {
        for (const subgraph of subgraphs) names.add(`${subgraph.toUpperCase()}${suffix}`);
      }
    }
  }
  return names;
}

/** The Dockerfile's build targets (`FROM … AS <name>`). */
export function dockerfileTargets(root: string): Set<string> {
  const path = join(root, 'Dockerfile');
  if (!existsSync(path)) return new Set();
  return new Set([...readFileSync(path, 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)\s*$/gim)].map(([, name]) => name!));
}

/** Each Secret or ConfigMap named in backticks in the README's Kubernetes section, with the backticked keys on its line. */
function documentedReferences(readme: string): Map<string, Set<string>> {
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const start = text.indexOf(`\n${README_SECTION}\n`);
  const documented = new Map<string, Set<string>>();
  if (start < 0) return documented;
  const end = text.indexOf('\n## ', start + 1);
  for (const line of text.slice(start, end < 0 ? undefined : end).split('\n')) {
    const quoted = [...line.matchAll(/`([^`\s]+)`/g)].map(([, token]) => token!);
    for (const name of quoted.filter((token) => token.startsWith('oneplan-'))) {
      documented.set(name, new Set([...(documented.get(name) ?? []), ...quoted]));
    }
  }
  return documented;
}

interface ValidationFailure {
  errors?: { instancePath?: string; message?: string }[];
  message?: string;
}

type ModelClass = new (data: object) => { validate(): void };

/**
 * A validator per apiVersion and kind from kubernetes-models (`apps/v1` Deployment is
 * `kubernetes-models/apps/v1/Deployment`), or why there is none. Loaded by path at run
 * time because the object's kind picks the module.
 */
function kubernetesSchemas(root: string): ((body: Json) => string[]) | string {
  const load = createRequire(join(root, 'package.json'));
  try {
    load.resolve('kubernetes-models');
  } catch {
    return `the Kubernetes schemas are not installed: npm install -D ${SCHEMA_PACKAGE}`;
  }
  return (body) => {
    const apiVersion = String(body.apiVersion);
    const kind = String(body.kind);
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
    let Model: ModelClass | undefined;
    try {
      Model = (load(`kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`) as Record<string, ModelClass>)[kind];
    } catch {
      Model = undefined;
    }
    if (!Model) return [`no Kubernetes schema for apiVersion ${apiVersion}, kind ${kind}`];
    try {
      new Model(body).validate();
      return [];
    } catch (error) {
      const failure = error as ValidationFailure;
      return failure.errors?.map(({ instancePath, message }) => `${instancePath || '/'} ${message}`) ?? [String(failure.message)];
    }
  };
}
