/**
 * A static reading of the services' Dockerfiles: Docker cannot run on these machines, so
 * this checks what the platform relies on without building an image. It parses only what
 * the services' Dockerfiles use (instructions, `\` continuations, comments, exec-form JSON).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  /** Upper-cased, e.g. `COPY`. */
  readonly keyword: string;
  /** The rest of the instruction, continuations joined. */
  readonly args: string;
  /** 1-based line where it starts. */
  readonly line: number;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]?.trim() ?? '';
    if (first === '' || first.startsWith('#')) continue;
    const start = i + 1;
    let joined = first;
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i]?.trim() ?? '';
      if (next.startsWith('#')) continue;
      joined = `${joined.slice(0, -1).trimEnd()} ${next}`;
    }
    const match = /^(\S+)\s*(.*)$/.exec(joined);
    if (match?.[1] === undefined) continue;
    instructions.push({ keyword: match[1].toUpperCase(), args: (match[2] ?? '').trim(), line: start });
  }
  return instructions;
}

export function stagesOf(instructions: readonly Instruction[]): Stage[] {
  const stages: Array<{ image: string; name: string | undefined; instructions: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ image: words[0] ?? '', name: asIndex >= 0 ? words[asIndex + 1] : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `name:1.2.3` or `name:1.2.3-variant`, optionally `@sha256:<64 hex>`: one exact release. */
const exactImage = /^[a-z0-9./-]+:\d+\.\d+\.\d+(-[a-z0-9.-]+)?(@sha256:[0-9a-f]{64})?$/;

export interface DockerfileExpectations {
  readonly repoRoot: string;
  /** e.g. `services/orders`: the workspace the image runs. */
  readonly workspace: string;
  /** The UID the platform's pods run as. */
  readonly runAsUser: number;
  /** Lines of the root .dockerignore. */
  readonly dockerignore: readonly string[];
}

/** Every problem found, one line each with the Dockerfile line it is about; empty when none. */
export function checkDockerfile(text: string, expect: DockerfileExpectations): string[] {
  const problems: string[] = [];
  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions);
  const names = new Set(stages.map((s) => s.name).filter((n) => n !== undefined));
  const ignored = ignoreMatcher(expect.dockerignore);

  for (const instruction of instructions.filter((i) => i.keyword === 'FROM')) {
    const image = instruction.args.split(/\s+/)[0] ?? '';
    if (names.has(image)) continue;
    if (!exactImage.test(image)) problems.push(`line ${instruction.line}: FROM ${image} is not pinned to an exact version (name:X.Y.Z[-variant][@sha256:…])`);
  }
  if (stages.length < 2) problems.push(`the Dockerfile has ${stages.length} stage(s): dependencies must be installed in a stage of their own`);

  const final = stages.at(-1);
  if (final !== undefined) {
    const user = final.instructions.filter((i) => i.keyword === 'USER').at(-1);
    const uid = user === undefined ? undefined : /^(\d+)(:\d+)?$/.exec(user.args)?.[1];
    if (user === undefined) problems.push('the final stage sets no USER: it would run as root');
    else if (uid === undefined) problems.push(`line ${user.line}: USER ${user.args} is not numeric (Kubernetes' runAsNonRoot needs a numeric UID)`);
    else if (Number(uid) === 0) problems.push(`line ${user.line}: USER ${user.args} is root`);
    else if (Number(uid) !== expect.runAsUser) problems.push(`line ${user.line}: USER ${user.args} is not the platform's runAsUser ${expect.runAsUser}`);

    if (!final.instructions.some((i) => i.keyword === 'ENV' && /(^|\s)NODE_ENV=production(\s|$)/.test(i.args))) {
      problems.push('the final stage does not set NODE_ENV=production');
    }
    if (!final.instructions.some((i) => i.keyword === 'EXPOSE' && i.args.split(/\s+/).includes('8080'))) {
      problems.push('the final stage does not EXPOSE 8080');
    }
    if (!final.instructions.some((i) => i.keyword === 'COPY' && /--from=\S+/.test(i.args) && /node_modules/.test(i.args))) {
      problems.push('the final stage does not copy node_modules from an earlier stage');
    }
    for (const run of final.instructions.filter((i) => i.keyword === 'RUN' && /\b(npm|npx|yarn|pnpm)\s+(ci|i|install|add)\b/.test(i.args))) {
      problems.push(`line ${run.line}: the final stage installs packages; install them in an earlier stage`);
    }
    const command = final.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    if (command.length === 0) problems.push('the final stage has no CMD');
    for (const cmd of command) problems.push(...checkCommand(cmd, expect));
  }

  for (const instruction of instructions) {
    if (instruction.keyword === 'ADD' && /(^|\s)(https?|git|ssh):\/\/|(^|\s)git@/.test(instruction.args)) {
      problems.push(`line ${instruction.line}: ADD of a URL fetches unpinned, unverified content; download in a RUN with a checksum or COPY from the context`);
    }
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    if (/--from=/.test(instruction.args)) continue;
    const sources = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1);
    for (const source of sources) {
      const path = source.replace(/^\.\//, '').replace(/\/$/, '');
      if (/^[a-z]+:\/\//.test(path)) continue;
      if (!existsSync(join(expect.repoRoot, path))) problems.push(`line ${instruction.line}: COPY source ${source} does not exist in the repository`);
      else if (ignored(path)) problems.push(`line ${instruction.line}: COPY source ${source} is excluded by .dockerignore`);
    }
  }

  const install = instructions.find((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args));
  if (install === undefined) problems.push('no stage runs npm ci (installs exactly the lockfile)');
  else {
    if (!/--omit=dev\b/.test(install.args)) problems.push(`line ${install.line}: npm ci installs dev dependencies (add --omit=dev)`);
    if (!new RegExp(`--workspace[= ]${expect.workspace}(\\s|$)`).test(install.args)) {
      problems.push(`line ${install.line}: npm ci does not select --workspace ${expect.workspace}`);
    }
  }
  return problems;
}

function checkCommand(cmd: Instruction, expect: DockerfileExpectations): string[] {
  let argv: unknown;
  try {
    argv = JSON.parse(cmd.args);
  } catch {
    return [`line ${cmd.line}: ${cmd.keyword} is in shell form: use the exec form so that node gets SIGTERM as PID 1`];
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return [`line ${cmd.line}: ${cmd.keyword} is not a JSON array of strings`];
  const [program, ...args] = argv as string[];
  if (program === undefined) return [`line ${cmd.line}: ${cmd.keyword} is empty`];
  if (/(^|\/)(npm|npx|yarn|pnpm)$/.test(program)) return [`line ${cmd.line}: ${cmd.keyword} runs ${program}: run node itself (no package manager at runtime)`];
  const problems: string[] = [];
  if (program !== 'node') problems.push(`line ${cmd.line}: ${cmd.keyword} runs ${program}, not node`);
  const main = `${expect.workspace}/src/main.ts`;
  if (args[0] !== main) problems.push(`line ${cmd.line}: ${cmd.keyword} does not start ${main}`);
  else if (!existsSync(join(expect.repoRoot, main))) problems.push(`line ${cmd.line}: ${main} does not exist`);
  return problems;
}

/**
 * A small .dockerignore matcher: `*` within a segment, `**` across segments, a pattern
 * excluding a folder excludes what is in it. Enough for this repository's file; `!` lines
 * (re-inclusions) are not supported and reported as an error.
 */
export function ignoreMatcher(lines: readonly string[]): (path: string) => boolean {
  const patterns = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const negated = patterns.find((p) => p.startsWith('!'));
  if (negated !== undefined) throw new Error(`.dockerignore: re-inclusion ${negated} is not supported by this check`);
  const regexes = patterns.map((pattern) => {
    const body = pattern
      .replace(/^\/+|\/+$/g, '')
      .split('/')
      .map((segment) => (segment === '**' ? '.*' : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
      .join('/')
      .replace(/\.\*\//g, '(?:.*/)?');
    return new RegExp(`^${body}(/.*)?$`);
  });
  return (path) => regexes.some((r) => r.test(path));
}
