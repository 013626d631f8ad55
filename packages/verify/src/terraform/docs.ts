/**
 * The terraform-docs section of a module's README.md, rendered from the parsed HCL in
 * terraform-docs' markdown table layout (requirements, modules, resources, inputs,
 * outputs), between the markers terraform-docs uses, so either tool can refresh it.
 */
import { isRecord, expressionText, type TerraformConfig, type TerraformVariable } from './parse.ts';

export const docsBegin = '<!-- BEGIN_TF_DOCS -->';
export const docsEnd = '<!-- END_TF_DOCS -->';

/** terraform-docs' anchor: `<a name="input_node_pools"></a> [node_pools](#input\_node\_pools)`. */
export function docsAnchor(kind: 'requirement' | 'module' | 'input' | 'output', name: string): string {
  return `<a name="${kind}_${name}"></a> [${name}](#${kind}\\_${name.replaceAll('_', '\\_')})`;
}

function cell(text: string): string {
  return text.trim().replaceAll('|', '\\|').replaceAll('\n', '<br/>');
}

/** Lines of a multi-line expression without the indentation of the block it sat in. */
function dedent(text: string): string[] {
  const [first = '', ...rest] = text.split('\n');
  const indents = rest.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return [first, ...rest.map((line) => line.slice(cut))];
}

function code(text: string): string {
  const lines = dedent(text);
  if (lines.length === 1) return `\`${text.replaceAll('|', '\\|')}\``;
  return `<pre>${lines.map((line) => line.replaceAll('|', '\\|')).join('<br/>')}</pre>`;
}

function defaultValue(variable: TerraformVariable): string {
  if (!variable.hasDefault) return 'n/a';
  const value = variable.default;
  if (typeof value === 'string') return code(value.startsWith('${') ? expressionText(value) : JSON.stringify(value));
  const compact = JSON.stringify(value ?? null);
  if (compact.length <= 60 || !(isRecord(value) || Array.isArray(value))) return code(compact);
  return code(JSON.stringify(value, null, 2));
}

function table(header: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The whole section, markers included. */
export function renderTerraformDocs(config: TerraformConfig): string {
  const out: string[] = [docsBegin, '## Requirements', ''];
  const requiredVersion = config.settings.find((s) => s.requiredVersion !== undefined)?.requiredVersion;
  const requirements: string[][] = [];
  if (requiredVersion !== undefined) requirements.push([docsAnchor('requirement', 'terraform'), requiredVersion]);
  for (const provider of config.requiredProviders) {
    requirements.push([docsAnchor('requirement', provider.name), provider.version ?? 'n/a']);
  }
  out.push(...(requirements.length === 0 ? ['No requirements.'] : table(['Name', 'Version'], ['------', '---------'], requirements)));

  out.push('', '## Modules', '');
  out.push(
    ...(config.moduleCalls.length === 0
      ? ['No modules.']
      : table(
          ['Name', 'Source', 'Version'],
          ['------', '--------', '---------'],
          config.moduleCalls.map((m) => [docsAnchor('module', m.name), m.source ?? 'n/a', m.version ?? 'n/a']),
        )),
  );

  out.push('', '## Resources', '');
  out.push(
    ...(config.resources.length === 0
      ? ['No resources.']
      : table(['Name', 'Type'], ['------', '------'], config.resources.map((r) => [`\`${r.address}\``, r.address.startsWith('data.') ? 'data source' : 'resource']))),
  );

  out.push('', '## Inputs', '');
  out.push(
    ...(config.variables.length === 0
      ? ['No inputs.']
      : table(
          ['Name', 'Description', 'Type', 'Default', 'Required'],
          ['------', '-------------', '------', '---------', ':--------:'],
          config.variables.map((v) => [
            docsAnchor('input', v.name),
            cell(v.description ?? ''),
            v.type === undefined ? 'n/a' : code(v.type),
            defaultValue(v),
            v.hasDefault ? 'no' : 'yes',
          ]),
        )),
  );

  out.push('', '## Outputs', '');
  out.push(
    ...(config.outputs.length === 0
      ? ['No outputs.']
      : table(
          ['Name', 'Description', 'Sensitive'],
          ['------', '-------------', ':---------:'],
          config.outputs.map((o) => [docsAnchor('output', o.name), cell(o.description ?? ''), o.sensitive ? 'yes' : 'no']),
        )),
  );
  out.push(docsEnd);
  return out.join('\n');
}

/** The section of a README between the markers, markers included; undefined without both. */
export function docsSection(readme: string): string | undefined {
  const begin = readme.indexOf(docsBegin);
  const end = readme.indexOf(docsEnd, begin);
  if (begin === -1 || end === -1) return undefined;
  return readme.slice(begin, end + docsEnd.length);
}

/** The README with its section replaced by `docs`; undefined when it lacks the markers. */
export function withTerraformDocs(readme: string, docs: string): string | undefined {
  const section = docsSection(readme);
  return section === undefined ? undefined : readme.replace(section, () => docs);
}
