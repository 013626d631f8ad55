/**
 * Points one service of a platform definition at a new image: the images workflow runs it
 * after it built, scanned, pushed and signed the image, then `strata synth` re-renders.
 *
 *   node .github/scripts/bump-image.ts --file platform/services.ts --service orders \
 *     --repository ghcr.io/strata-platform/orders --tag sha-0123456789ab --digest sha256:<64 hex>
 *
 * It edits the source text where TypeScript's parser finds the service's `image` literal,
 * so the rest of the file (formatting, comments, other services) stays byte for byte.
 * Only the service's own `image` changes: an image that an environment overrides
 * (`environments.prod.image`) is a pin that someone promotes by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ts from 'typescript';

export interface ImageUpdate {
  readonly service: string;
  /** e.g. `ghcr.io/strata-platform/orders`. */
  readonly repository: string;
  /** An immutable tag, e.g. `sha-0123456789ab`. */
  readonly tag: string;
  /** `sha256:` and 64 hex digits: what the cluster pulls (it wins over the tag). */
  readonly digest: string;
}

/** Bad input or a definition the script cannot edit; the message says which and why. */
export class BumpError extends Error {}

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** Returns `source` with the service's image set to `update`; throws BumpError when it cannot. */
export function bumpImage(source: string, file: string, update: ImageUpdate): string {
  if (!digestPattern.test(update.digest)) throw new BumpError(`--digest ${JSON.stringify(update.digest)} is not sha256: and 64 hex digits`);
  if (update.tag === '' || update.tag === 'latest') throw new BumpError(`--tag ${JSON.stringify(update.tag)} is not an immutable tag`);
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const services = findServiceLiterals(sourceFile, update.service);
  if (services.length === 0) throw new BumpError(`${file}: no service literal with name: '${update.service}' and a team`);
  if (services.length > 1) throw new BumpError(`${file}: ${services.length} service literals are named '${update.service}'`);
  const service = services[0] as ts.ObjectLiteralExpression;
  const image = propertyValue(service, 'image');
  if (image === undefined || !ts.isObjectLiteralExpression(image)) {
    throw new BumpError(`${file}: service '${update.service}' has no image: { … } literal to update`);
  }
  const edits: Edit[] = [];
  const wanted: readonly (readonly [string, string])[] = [
    ['repository', update.repository],
    ['tag', update.tag],
    ['digest', update.digest],
  ];
  const missing: string[] = [];
  for (const [key, value] of wanted) {
    const current = propertyValue(image, key);
    if (current === undefined) missing.push(`${key}: ${quote(value)}`);
    else if (ts.isStringLiteral(current) || ts.isNoSubstitutionTemplateLiteral(current)) {
      edits.push({ start: current.getStart(sourceFile), end: current.getEnd(), text: quote(value) });
    } else {
      throw new BumpError(`${file}: services '${update.service}' image.${key} is not a string literal, so it cannot be set here`);
    }
  }
  if (missing.length > 0) edits.push(insertion(image, sourceFile, missing));
  return applyEdits(source, edits);
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function findServiceLiterals(sourceFile: ts.SourceFile, name: string): ts.ObjectLiteralExpression[] {
  const found: ts.ObjectLiteralExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const value = propertyValue(node, 'name');
      // A service literal names its team; teams, clusters and ports have a name but no team.
      if (value !== undefined && ts.isStringLiteral(value) && value.text === name && propertyValue(node, 'team') !== undefined) found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function propertyValue(literal: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = property.name;
    if ((ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === key) return property.initializer;
  }
  return undefined;
}

/** New properties go after the last one, on its line for a one-line literal. */
function insertion(image: ts.ObjectLiteralExpression, sourceFile: ts.SourceFile, properties: readonly string[]): Edit {
  const last = image.properties[image.properties.length - 1];
  if (last === undefined) {
    const at = image.getStart(sourceFile) + 1;
    return { start: at, end: at, text: ` ${properties.join(', ')} ` };
  }
  const text = sourceFile.text;
  let at = last.getEnd();
  const hasComma = text[at] === ',';
  if (hasComma) at += 1;
  const multiLine = sourceFile.getLineAndCharacterOfPosition(image.getStart(sourceFile)).line !== sourceFile.getLineAndCharacterOfPosition(image.getEnd()).line;
  if (!multiLine) return { start: at, end: at, text: `${hasComma ? ' ' : ', '}${properties.join(', ')}${hasComma ? ',' : ''}` };
  const lineStart = text.lastIndexOf('\n', last.getStart(sourceFile)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  return { start: at, end: at, text: `${hasComma ? '' : ','}${properties.map((p) => `\n${indent}${p},`).join('')}` };
}

function applyEdits(source: string, edits: readonly Edit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), source);
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      file: { type: 'string', default: 'platform/services.ts' },
      service: { type: 'string' },
      repository: { type: 'string' },
      tag: { type: 'string' },
      digest: { type: 'string' },
    },
    strict: true,
  });
  const { file, service, repository, tag, digest } = values;
  const absent = Object.entries({ service, repository, tag, digest }).filter(([, v]) => v === undefined || v === '');
  if (absent.length > 0) {
    console.error(`bump-image: missing ${absent.map(([k]) => `--${k}`).join(', ')}`);
    return 2;
  }
  try {
    const before = readFileSync(file, 'utf8');
    const after = bumpImage(before, file, { service: service ?? '', repository: repository ?? '', tag: tag ?? '', digest: digest ?? '' });
    if (after !== before) writeFileSync(file, after);
    console.log(after === before ? `${file}: ${service} already uses ${repository}:${tag}@${digest}` : `${file}: ${service} → ${repository}:${tag}@${digest}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BumpError)) throw error;
    console.error(`bump-image: ${error.message}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
