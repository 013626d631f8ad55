/**
 * Test support: a structural check of the Mermaid flowcharts in a Markdown document.
 * Not a Mermaid parser: it accepts only the statement forms that project/mermaid.ts
 * writes (node, edge, subgraph, end, direction) and checks what breaks a diagram:
 * an unknown diagram type, ids that are not plain identifiers or are keywords,
 * unquoted or unbalanced labels, edges to undeclared ids, unbalanced subgraphs.
 */

/** Diagram types Mermaid knows that this project may write; only flowcharts today. */
const knownDiagramTypes = /^(flowchart|graph) (TB|TD|BT|RL|LR)$/;
const identifier = '[A-Za-z][A-Za-z0-9_]*';
const quoted = '"[^"]*"';
const shapes = ['\\[\\(Q\\)\\]', '\\(\\[Q\\]\\)', '\\(\\(Q\\)\\)', '\\[Q\\]', '\\(Q\\)'].map((s) => s.replace('Q', quoted));
const nodeStatement = new RegExp(`^(${identifier})(?:${shapes.join('|')})$`);
const edgeStatement = new RegExp(`^(${identifier}) -->(?:\\|(${quoted})\\|)? (${identifier})$`);
const subgraphStatement = new RegExp(`^subgraph (${identifier})(?:\\[(${quoted})\\])?$`);
const directionStatement = /^direction (TB|TD|BT|RL|LR)$/;
/** Words of the flowchart grammar that end or change a statement when used as an id. */
const keywords = new Set(['end', 'subgraph', 'graph', 'flowchart', 'direction', 'style', 'class', 'classDef', 'click', 'linkStyle', 'default', 'call', 'href']);

/** The bodies of the ```mermaid blocks of a Markdown document. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

/** Every structural problem of one block, as `line N: …`; empty when it is well-formed. */
export function mermaidProblems(block: string): string[] {
  const lines = block.split('\n').filter((line) => line.trim() !== '');
  const problems: string[] = [];
  const [first, ...rest] = lines;
  if (first === undefined || !knownDiagramTypes.test(first.trim())) return [`line 1: not a known diagram type: ${JSON.stringify(first)}`];
  const declared = new Set<string>();
  const edges: { from: string; to: string; line: number }[] = [];
  let depth = 0;
  const declare = (id: string, line: number): void => {
    if (keywords.has(id)) problems.push(`line ${line}: id "${id}" is a keyword`);
    if (declared.has(id)) problems.push(`line ${line}: id "${id}" is declared twice`);
    declared.add(id);
  };
  const checkLabel = (label: string | undefined, line: number): void => {
    if (label !== undefined && /[<>]/.test(label.replace(/<br\/>/g, ''))) problems.push(`line ${line}: raw < or > in label ${label}`);
  };
  rest.forEach((raw, index) => {
    const line = index + 2;
    const statement = raw.trim();
    const asNode = nodeStatement.exec(statement);
    const asEdge = edgeStatement.exec(statement);
    const asSubgraph = subgraphStatement.exec(statement);
    if (asNode) {
      declare(asNode[1] ?? '', line);
      checkLabel(statement.slice((asNode[1] ?? '').length), line);
    } else if (asEdge) {
      edges.push({ from: asEdge[1] ?? '', to: asEdge[3] ?? '', line });
      checkLabel(asEdge[2], line);
    } else if (asSubgraph) {
      declare(asSubgraph[1] ?? '', line);
      checkLabel(asSubgraph[2], line);
      depth++;
    } else if (statement === 'end') {
      depth--;
      if (depth < 0) problems.push(`line ${line}: end without subgraph`);
    } else if (!directionStatement.test(statement)) {
      problems.push(`line ${line}: not a node, edge, subgraph, end or direction statement: ${statement}`);
    }
  });
  if (depth > 0) problems.push(`${depth} subgraph(s) without end`);
  for (const { from, to, line } of edges) {
    for (const id of [from, to]) if (!declared.has(id)) problems.push(`line ${line}: edge names undeclared id "${id}"`);
  }
  return problems;
}
