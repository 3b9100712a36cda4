/** Suppressions written as annotations (`kubeward.io/ignore-<rule>`), on an object and on its pod template. */
import { DEFAULT_STYLE } from '../fix/emit';
import { EditBuilder, NoFix } from '../fix/edit-builder';
import { podMetadataOf, type K8sObject } from '../k8s/objects';
import type { ChunkAnalysis, ChunkInput } from './chunk';
import { peerAnnotationRules } from './peer-suppressions';
import { ANNOTATION_PREFIX, type AnnotationSuppression } from './suppress';

/** Each suppression annotation of the object, with the edit that removes it should it suppress nothing. */
export function collectAnnotationSuppressions(object: K8sObject, objectStart: number, objectEnd: number, input: ChunkInput, result: ChunkAnalysis): void {
  const podMetadata = podMetadataOf(object);
  for (const meta of podMetadata && podMetadata.node !== object.metadata?.node ? [object.metadata, podMetadata] : [object.metadata]) {
    const annotations = meta?.get('annotations');
    if (!annotations?.isMap) continue;
    for (const [key, value, keyNode] of annotations.entries()) {
      if (!keyNode.range) continue;
      if (!key.startsWith(ANNOTATION_PREFIX)) {
        // Other tools' annotations, when .kubeward.yaml honours them.
        if (input.options.config.peerSuppressions) {
          for (const ruleId of peerAnnotationRules(key, value?.str, input.options.rules))
            result.annotations.push({ ruleId, objectStart, objectEnd, start: keyNode.range[0], end: keyNode.range[1], peer: true });
        }
        continue;
      }
      // `ignore.kubeward.io/<rule>.<container>`: one container of the object.
      const [ruleId, container] = key.slice(ANNOTATION_PREFIX.length).split('.', 2) as [string, string | undefined];
      const suppression: AnnotationSuppression = { ruleId, objectStart, objectEnd, start: keyNode.range[0], end: keyNode.range[1] };
      if (container) suppression.container = container;
      // How to remove it, should it suppress nothing (a cheap, rare edit).
      if (!value?.indirect) {
        try {
          const removal = new EditBuilder({ text: input.original, templateRegions: input.regions, style: DEFAULT_STYLE }).removePair(annotations, key).build();
          if (removal.length > 0) suppression.removal = removal;
        } catch (error) {
          if (!(error instanceof NoFix)) result.ruleErrors.push({ ruleId: 'unused-suppression', message: `removal failed: ${String(error)}` });
        }
      }
      result.annotations.push(suppression);
    }
  }
}
