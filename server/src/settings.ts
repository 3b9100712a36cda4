/**
 * Settings per resource: the client's `kubeward` section (via
 * `workspace/configuration`, cached per URI, dropped on
 * `workspace/didChangeConfiguration`) merged over the nearest `.kubeward.yaml`
 * (from the document's folder up to its workspace folder; ignored entirely
 * while the workspace is untrusted). Settings never live in server globals:
 * every analysis asks for the settings of its own document.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { CONFIG_FILES, isFile, KustomizePatches } from '../../shared-rules/src/host/files';
import { Origins } from '../../shared-rules/src/host/origin';
import {
  parseConfigFile,
  pathIgnored,
  resolveConfig,
  type ConfigParseResult,
  type ExceptionScope,
  type KubewardConfig,
  type ResolvedConfig,
} from '../../shared-rules/src/index';
import { BaselineIndex } from './baseline';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SECTION,
  type BaselineSeverity,
  type KubewardSettings,
  type RuleSeverityOverride,
  type RunMode,
} from '../../shared-rules/src/protocol';
import type { ClientFeatures } from './capabilities';
import { isInside, uriToPath } from './uri';

export interface DocumentSettings {
  enable: boolean;
  run: RunMode;
  debounceMs: number;
  config: ResolvedConfig;
  /** The layers `config` was resolved from (file, then settings), for commands that add answers on top. */
  layers: KubewardConfig[];
  /** The `.kubeward.yaml` in effect (absolute path), when there is one and the workspace is trusted. */
  configFile: string | undefined;
  /** The file matches an `ignore` glob of its configuration: it gets no diagnostics. */
  ignored: boolean;
  /** A Kustomize patch: missing fields are not findings. */
  partial: boolean;
  /** For the scopes of `.kubeward.yaml` exceptions: the path relative to it, the chart or overlay. */
  scope: ExceptionScope;
  /** The baseline in effect (setting `kubeward.baseline.file`), with how its findings are shown. */
  baseline?: { index: BaselineIndex; severity: BaselineSeverity; origin: string | undefined; file: string };
}

export interface ConfigFileState {
  path: string;
  text: string;
  parsed: ConfigParseResult;
  mtimeMs: number;
}

export interface SettingsHost {
  connection: Connection;
  features: ClientFeatures;
  /** Workspace folder paths. */
  folders(): readonly string[];
  knownRuleIds: ReadonlySet<string>;
  /** A configuration file was read (first time or changed): publish its problems. */
  onConfigFile(state: ConfigFileState): void;
}

export const MAX_DEBOUNCE_MS = 10_000;
const SEVERITY_SETTINGS: readonly string[] = ['off', 'on', 'hint', 'info', 'warning', 'error'];

/** Client settings with every wrong or missing value replaced by its default. */
export function normalizeSettings(raw: unknown): KubewardSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ingress = (r.ingress && typeof r.ingress === 'object' ? r.ingress : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const rules: Record<string, RuleSeverityOverride> = {};
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITY_SETTINGS.includes(value)) rules[id] = value as RuleSeverityOverride;
    }
  }
  const baseline = (r.baseline && typeof r.baseline === 'object' ? r.baseline : {}) as Record<string, unknown>;
  const debounce =
    typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) ? Math.min(Math.max(0, r.debounceMs), MAX_DEBOUNCE_MS) : DEFAULT_SETTINGS.debounceMs;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    profile: r.profile === 'baseline' || r.profile === 'restricted' ? r.profile : null,
    kubernetesVersion: typeof r.kubernetesVersion === 'string' && /^v?\d+\.\d+(\.\d+)?$/.test(r.kubernetesVersion.trim()) ? r.kubernetesVersion.trim() : null,
    rules,
    ingress: { authUrl: str(ingress.authUrl), clusterIssuer: str(ingress.clusterIssuer), tlsSecretName: str(ingress.tlsSecretName) },
    maxFileSize: typeof r.maxFileSize === 'number' && r.maxFileSize > 0 ? r.maxFileSize : null,
    debounceMs: debounce,
    baseline: {
      file: str(baseline.file),
      severity: baseline.severity === 'info' || baseline.severity === 'warning' || baseline.severity === 'hide' ? baseline.severity : 'hint',
    },
  };
}

/** The editor settings as a configuration layer: unset values (null, "", {}) leave `.kubeward.yaml` in charge. */
export function settingsLayer(s: KubewardSettings): KubewardConfig {
  const layer: KubewardConfig = {};
  if (s.profile) layer.profile = s.profile;
  if (s.kubernetesVersion) layer.kubernetesVersion = s.kubernetesVersion;
  if (Object.keys(s.rules).length > 0) layer.rules = { ...s.rules };
  if (s.maxFileSize) layer.maxFileSize = s.maxFileSize;
  const ingress: NonNullable<KubewardConfig['ingress']> = {};
  if (s.ingress.authUrl) ingress.authUrl = s.ingress.authUrl;
  if (s.ingress.clusterIssuer) ingress.clusterIssuer = s.ingress.clusterIssuer;
  if (s.ingress.tlsSecretName) ingress.tlsSecretName = s.ingress.tlsSecretName;
  if (Object.keys(ingress).length > 0) layer.ingress = ingress;
  return layer;
}

export function isConfigFileName(file: string): boolean {
  return (CONFIG_FILES as readonly string[]).includes(path.basename(file));
}

export class Settings {
  /** Client settings per scope URI (a document or a workspace folder). */
  private readonly clientCache = new Map<string, Promise<KubewardSettings>>();
  /** The same, once known: debouncing needs them synchronously. */
  private readonly known = new Map<string, KubewardSettings>();
  /** Settings pushed with `didChangeConfiguration`, for clients without `workspace/configuration`. */
  private pushed: KubewardSettings = normalizeSettings(undefined);
  /** Folder → the configuration file in effect there (null: none). */
  private readonly configByDir = new Map<string, string | null>();
  private readonly configFiles = new Map<string, ConfigFileState>();
  private readonly resolved = new Map<string, ResolvedConfig>();
  private patches = new KustomizePatches();
  private readonly origins = new Map<string, Origins>();
  private readonly baselines = new Map<string, { mtimeMs: number; index: BaselineIndex }>();
  private trustedNow: boolean;

  constructor(private readonly host: SettingsHost) {
    this.trustedNow = host.features.workspaceTrusted;
  }

  get trusted(): boolean {
    return this.trustedNow;
  }

  /** Trust granted: `.kubeward.yaml` applies from now on. */
  trust(): void {
    this.trustedNow = true;
    this.configChanged();
  }

  /** The client's `kubeward` settings for a resource. */
  clientSettings(scopeUri: string): Promise<KubewardSettings> {
    if (!this.host.features.configuration) return Promise.resolve(this.pushed);
    let pending = this.clientCache.get(scopeUri);
    if (!pending) {
      pending = this.host.connection.workspace
        .getConfiguration({ scopeUri, section: SETTINGS_SECTION })
        .then(normalizeSettings, (error: unknown) => {
          this.host.connection.console.warn(`Kubeward: could not read the settings (${String(error)}); the defaults apply.`);
          return normalizeSettings(undefined);
        })
        .then((s) => {
          if (this.clientCache.get(scopeUri) === pending) this.known.set(scopeUri, s);
          return s;
        });
      this.clientCache.set(scopeUri, pending);
    }
    return pending;
  }

  /** Settings known without a round trip (defaults until the first answer). */
  knownSettings(uri: string): KubewardSettings {
    return this.host.features.configuration ? (this.known.get(uri) ?? normalizeSettings(undefined)) : this.pushed;
  }

  /** Everything the analysis of one document needs. `scopeUri` defaults to the document. */
  async forDocument(uri: string, scopeUri = uri): Promise<DocumentSettings> {
    const client = await this.clientSettings(scopeUri);
    return this.combine(uri, client);
  }

  combine(uri: string, client: KubewardSettings): DocumentSettings {
    const file = uriToPath(uri);
    const configState = file && this.trustedNow ? this.configStateFor(file) : undefined;
    const settings = settingsLayer(client);
    const layers: KubewardConfig[] = configState ? [configState.parsed.config, settings] : [settings];
    const key = `${configState ? `${configState.path}@${configState.mtimeMs}` : ''}|${JSON.stringify(settings)}`;
    let config = this.resolved.get(key);
    if (!config) {
      if (this.resolved.size > 64) this.resolved.clear();
      config = resolveConfig(...layers);
      this.resolved.set(key, config);
    }
    let ignored = false;
    const relative = file && configState ? path.relative(path.dirname(configState.path), file).split(path.sep).join('/') : undefined;
    if (relative !== undefined && config.ignore.length > 0) ignored = !relative.startsWith('..') && pathIgnored(config.ignore, relative);
    const scope: ExceptionScope = {};
    if (relative !== undefined && config.exceptions.length > 0) {
      scope.path = relative;
      scope.origin = this.originOf(file!);
    }
    let baseline: DocumentSettings['baseline'];
    const folder = file ? this.folderOf(file) : undefined;
    if (file && folder && client.baseline.file) {
      const index = this.baselineAt(path.resolve(folder, client.baseline.file));
      if (index)
        baseline = { index, severity: client.baseline.severity, origin: this.originOf(file), file: path.relative(folder, file).split(path.sep).join('/') };
    }
    return {
      baseline,
      enable: client.enable,
      run: client.run,
      debounceMs: client.debounceMs,
      config,
      layers,
      configFile: configState?.path,
      ignored,
      partial: file ? this.isPatch(file) : false,
      scope,
    };
  }

  private folderOf(file: string): string | undefined {
    return this.host
      .folders()
      .filter((f) => isInside(file, f))
      .sort((a, b) => b.length - a.length)[0];
  }

  /** A baseline file, read again when it changed on disk; undefined when missing or unreadable. */
  private baselineAt(file: string): BaselineIndex | undefined {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.baselines.get(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.index;
    const index = BaselineIndex.read(file);
    if (index) this.baselines.set(file, { mtimeMs, index });
    return index;
  }

  /** The chart or overlay of a file, overlays named relative to its workspace folder (as the CLI does from the repository root). */
  private originOf(file: string): string | undefined {
    const folder = this.folderOf(file);
    if (!folder) return undefined;
    let origins = this.origins.get(folder);
    if (!origins) this.origins.set(folder, (origins = new Origins(folder)));
    return origins.of(file);
  }

  private isPatch(file: string): boolean {
    try {
      return this.patches.isPatch(file);
    } catch {
      return false;
    }
  }

  /** `workspace/didChangeConfiguration`: forget every cached answer. */
  didChangeConfiguration(settings: unknown): void {
    this.clientCache.clear();
    this.known.clear();
    if (!this.host.features.configuration) {
      const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
      this.pushed = normalizeSettings(section);
    }
  }

  /** A document closed: its cached settings go. */
  forget(uri: string): void {
    this.clientCache.delete(uri);
    this.known.delete(uri);
  }

  /** A configuration file was created, changed or deleted (or trust changed): read them again. */
  configChanged(): void {
    this.configByDir.clear();
    this.resolved.clear();
    for (const [file, state] of this.configFiles) {
      const fresh = this.readConfigFile(file);
      if (!fresh) this.configFiles.delete(file);
      if (!fresh || fresh.text !== state.text) {
        if (fresh) this.configFiles.set(file, fresh);
        this.host.onConfigFile(fresh ?? { path: file, text: '', parsed: { config: {}, findings: [] }, mtimeMs: 0 });
      }
    }
  }

  /** A kustomization changed: which files are patches may have changed. */
  kustomizationChanged(): void {
    this.patches = new KustomizePatches();
    this.origins.clear();
  }

  /** Configuration files read so far (their problems are published). */
  loadedConfigFiles(): ConfigFileState[] {
    return [...this.configFiles.values()];
  }

  /** The configuration file in effect for `file`, read (and re-read when it changed on disk). */
  configStateFor(file: string): ConfigFileState | undefined {
    const configPath = this.configPathFor(path.dirname(file));
    if (!configPath) return undefined;
    const cached = this.configFiles.get(configPath);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(configPath).mtimeMs;
    } catch {
      // Deleted since: look again next time.
      this.configByDir.clear();
      return undefined;
    }
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const state = this.readConfigFile(configPath);
    if (!state) return undefined;
    this.configFiles.set(configPath, state);
    this.resolved.clear();
    if (!cached || cached.text !== state.text) this.host.onConfigFile(state);
    return state;
  }

  private readConfigFile(file: string): ConfigFileState | undefined {
    try {
      const mtimeMs = fs.statSync(file).mtimeMs;
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      return { path: file, text, parsed: parseConfigFile(text, this.host.knownRuleIds), mtimeMs };
    } catch {
      return undefined;
    }
  }

  /** Nearest configuration file from `dir` up to its workspace folder (or the filesystem root outside every folder). */
  private configPathFor(dir: string): string | undefined {
    const folder = this.host
      .folders()
      .filter((f) => isInside(dir, f))
      .sort((a, b) => b.length - a.length)[0];
    const visited: string[] = [];
    let found: string | null = null;
    for (let d = dir; ;) {
      const cached = this.configByDir.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      const hit = CONFIG_FILES.map((name) => path.join(d, name)).find(isFile);
      if (hit) {
        found = hit;
        break;
      }
      const parent = path.dirname(d);
      if ((folder !== undefined && d === folder) || parent === d) break;
      d = parent;
    }
    for (const d of visited) this.configByDir.set(d, found);
    return found ?? undefined;
  }
}
