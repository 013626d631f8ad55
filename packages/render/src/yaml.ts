import { stringify } from 'yaml';

/** Stable YAML: keys sorted, no line folding, one document per object. */
export function toYaml(documents: readonly unknown[]): string {
  return documents.map((doc) => stringify(doc, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
