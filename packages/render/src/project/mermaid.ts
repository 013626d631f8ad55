/**
 * The few pieces of Mermaid flowchart syntax the architecture document uses, written so
 * that no name from the definition can break a diagram: ids are letters, digits and
 * underscores behind a kind prefix (never a keyword such as `end`), and every label is
 * quoted with Mermaid's entity codes for the characters that would end or mark it up.
 */

export type Shape = 'box' | 'rounded' | 'stadium' | 'cylinder' | 'circle';

const shapes: Readonly<Record<Shape, readonly [string, string]>> = {
  box: ['[', ']'],
  rounded: ['(', ')'],
  stadium: ['([', '])'],
  cylinder: ['[(', ')]'],
  circle: ['((', '))'],
};

/** `cluster_prod_eu` for kind `cluster` and name `prod-eu`. Names are DNS labels, so this is one-to-one. */
export function nodeId(kind: string, name: string): string {
  return `${kind}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** A quoted label of one or more lines. */
export function label(...lines: readonly string[]): string {
  return `"${lines.map(escapeLabelText).join('<br/>')}"`;
}

function escapeLabelText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** A node statement: `id["line 1<br/>line 2"]`. */
export function node(id: string, lines: readonly string[], shape: Shape = 'box'): string {
  const [open, close] = shapes[shape];
  return `${id}${open}${label(...lines)}${close}`;
}

/** An edge statement between two declared ids (nodes or subgraphs), with an optional label. */
export function edge(from: string, to: string, text?: string): string {
  return text === undefined ? `${from} --> ${to}` : `${from} -->|${label(text)}| ${to}`;
}

/** A subgraph around `body`, indented one level. */
export function subgraph(id: string, title: string, body: readonly string[], direction?: 'LR' | 'TB'): string[] {
  return [`subgraph ${id}[${label(title)}]`, ...(direction ? [`  direction ${direction}`] : []), ...body.map((line) => `  ${line}`), 'end'];
}

/** A fenced ```mermaid block holding one flowchart. */
export function flowchart(direction: 'LR' | 'TB', body: readonly string[]): string {
  return ['```mermaid', `flowchart ${direction}`, ...body.map((line) => `  ${line}`), '```'].join('\n');
}
