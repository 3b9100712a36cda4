/**
 * YAML and Helm templates, on disk or unsaved. Helm extensions give chart
 * templates their own language id (`helm`); without one, a chart template is
 * plain `yaml`, and the pattern catches templates another extension labelled
 * differently. `_helpers.tpl` holds only template definitions, not manifests.
 */
export const DOCUMENT_SELECTOR: Array<{ scheme: string; language: string } | { scheme: string; pattern: string }> = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'helm' },
  { scheme: 'untitled', language: 'helm' },
  { scheme: 'file', pattern: '**/templates/**/*.{yaml,yml}' },
];
