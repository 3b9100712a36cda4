/**
 * One document's analysis: parsed once, syntax findings, then every rule on
 * each of its objects, and the summaries cross-document rules read.
 */
import type { Document } from 'yaml';
import { embeddedPodTemplates, objectsOfDocument, type K8sObject } from '../k8s/objects';
import { MAX_NESTING } from '../yaml/depth';
import { parsedCleanly, parseText } from '../yaml/documents';
import { collectAnnotationSuppressions } from './annotations';
import type { ChunkAnalysis, ChunkInput } from './chunk';
import { ObjectContext, ObjectSummarizeContext } from './context';
import type { Rule, RuleContext } from './rule';
import { duplicateKeyErrors, looksLikeManifest, skippedDocument, syntaxFindings } from './syntax';

export function analyzeChunk(input: ChunkInput): ChunkAnalysis {
  const result: ChunkAnalysis = { findings: [], summaries: [], annotations: [], kubernetes: false, ruleErrors: [] };
  const { plan } = input;
  const skip = (text: string, reason: string) => {
    const finding = skippedDocument(plan, input.parse, text, reason);
    if (!finding) return;
    result.kubernetes = true;
    result.findings.push(finding);
  };
  // A document that never writes `apiVersion` holds no Kubernetes object, and
  // non-Kubernetes YAML gets no finding at all (syntax errors included): not
  // parsed. CI configs, Helm values and compose files cost a substring search.
  // Only an escape in a double-quoted key could spell the key otherwise.
  if (!input.parse.includes('apiVersion') && !input.parse.includes('\\')) return result;
  const parsed = parseText(input.parse);
  if (!parsed.docs) {
    const reason =
      parsed.failure === 'too-deep'
        ? `nested too deeply: more than ${MAX_NESTING} levels, where real manifests nest a few dozen`
        : parsed.failure === 'overflow'
          ? 'nesting too deep'
          : String(parsed.error);
    skip(input.parse, reason);
    return result;
  }
  const docs = parsed.docs;
  for (const doc of docs) {
    const objects = objectsOfDocument(doc, input.regions);
    // yaml catches its own stack overflow on absurd nesting: not a syntax error, a skipped document.
    if (doc.errors.some((e) => e.code === 'RESOURCE_EXHAUSTION')) {
      const [ds, , de] = doc.range;
      skip(input.parse.slice(ds, de), 'nesting too deep');
      continue;
    }
    doc.errors.push(...duplicateKeyErrors(doc));
    const duplicates = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (doc.errors.length > 0) {
      const [ds, , de] = doc.range;
      const templated = input.regions.some(([s, e]) => s < de && e > ds);
      if ((objects.length > 0 || looksLikeManifest(input.parse.slice(ds, de))) && !templated) {
        result.kubernetes = true;
        if (plan.active.has('yaml-syntax')) result.findings.push(...syntaxFindings(plan, input.parse, fatal, duplicates));
      }
      if (fatal.length > 0) continue;
    }
    if (objects.length === 0) continue;
    result.kubernetes = true;
    for (const object of objects) runObject(object, input, result, doc, objects);
  }
  return result;
}

/** Objects of one document's text, for fixes that edit other documents. */
export function objectsOfText(parse: string, regions: Array<[number, number]>): K8sObject[] {
  const { docs } = parseText(parse);
  return (docs ?? []).filter(parsedCleanly).flatMap((doc) => objectsOfDocument(doc, regions));
}

function objectSpan(object: K8sObject): [number, number] {
  const [s, e] = object.root.range;
  return [s, e];
}

function runObject(object: K8sObject, input: ChunkInput, result: ChunkAnalysis, doc: Document.Parsed, documentObjects: readonly K8sObject[]): void {
  const { plan, options } = input;
  const [objectStart, objectEnd] = objectSpan(object);

  collectAnnotationSuppressions(object, objectStart, objectEnd, input, result);

  const rules = [...(plan.byKind.get(object.kind) ?? []), ...plan.anyKind];
  const checks: Array<[Rule, K8sObject]> = rules.map((rule) => [rule, object]);
  // Pod templates inside custom resources get every pod rule.
  const podRules = plan.byKind.get('PodTemplate');
  if (podRules) for (const template of embeddedPodTemplates(object)) for (const rule of podRules) checks.push([rule, template]);
  for (const [rule, target] of checks) {
    const context = new ObjectContext(rule, target, input, result, objectStart, documentObjects);
    try {
      rule.check!(context as RuleContext);
    } catch (error) {
      result.ruleErrors.push({ ruleId: rule.meta.id, message: error instanceof Error ? `${error.message}` : String(error) });
    }
  }

  if (plan.workspaceRules.length > 0) {
    const data: Record<string, unknown> = {};
    for (const rule of plan.workspaceRules) {
      if (!rule.summarize) continue;
      try {
        const value = rule.summarize(object, new ObjectSummarizeContext(new ObjectContext(rule, object, input, result, objectStart, documentObjects), input));
        if (value !== undefined) data[rule.meta.id] = value;
      } catch (error) {
        result.ruleErrors.push({ ruleId: rule.meta.id, message: String(error) });
      }
    }
    const labels: Record<string, string> = {};
    for (const [k, v] of object.metadata?.get('labels')?.entries() ?? []) if (v?.str !== undefined) labels[k] = v.str;
    const nameNode = object.metadata?.get('name');
    const anchor = nameNode && !nameNode.isNull ? nameNode.range : (object.root.get('kind')?.range ?? [objectStart, objectStart]);
    result.summaries.push({
      file: input.file,
      kind: object.kind,
      apiVersion: object.apiVersion,
      name: object.name,
      namespace: object.namespace,
      labels,
      start: objectStart,
      end: objectEnd,
      anchor: [anchor[0], anchor[1]],
      documentEnd: doc.range[2],
      partial: Boolean(options.partial),
      data,
    });
  }
}
