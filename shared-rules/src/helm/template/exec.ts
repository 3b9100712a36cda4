/**
 * Executes parsed Go templates with Go's `text/template` semantics (truth, scoping, range order,
 * comparison rules, missing values), within budgets so that no template can hang the renderer.
 */
import type { ArgNode, CommandNode, Node, PipeNode, TemplateNode } from './parse';
import {
  compareStrings,
  formatV,
  isMap,
  isNil,
  isStruct,
  sprint,
  sprintf,
  sprintln,
  TemplateError,
  truth,
  typeOf,
  byteLength,
  utf8Encode,
  utf8Decode,
} from './values';

/** Parameter kinds of a template function, as Go's reflection checks them. */
export type ParamKind = 'any' | 'string' | 'int' | 'float' | 'bool' | 'list' | 'map' | 'strings';

export interface TemplateFunc {
  /** Parameter kinds; the last one repeats when `variadic` is set. */
  params: ParamKind[];
  variadic?: boolean;
  fn: (...args: never[]) => unknown;
}

export type FuncMap = Map<string, TemplateFunc>;

export interface Budgets {
  /** Evaluation steps (nodes executed and commands evaluated). */
  steps: number;
  /** Nesting of `template`/`include`/`tpl`. */
  depth: number;
  /** Iterations of `range`, all ranges together. */
  rangeIterations: number;
  /** Characters written, all templates together. */
  outputChars: number;
}

export const DEFAULT_BUDGETS: Budgets = { steps: 20_000_000, depth: 1000, rangeIterations: 2_000_000, outputChars: 64 * 1024 * 1024 };

export class BudgetError extends TemplateError {}

/** A named template: a `define`d block or a template file. */
export interface NamedTemplate {
  root: Node[];
  source: string;
  file: string;
}

/** One span of output and the template range that produced it. */
export interface OutputSegment {
  /** Offsets in the rendered text of the template file. */
  outStart: number;
  outEnd: number;
  /** The template file whose source holds the range below. */
  file: string;
  srcStart: number;
  srcEnd: number;
  /** 'text' when copied from literal template text (offsets map one to one), else 'action'. */
  kind: 'text' | 'action';
  /** Set when the printed value was read from values (directly or through functions like default, toYaml, quote). */
  value?: ValueOrigin;
  /** For an action that printed a helper's output (include, tpl): the values the helper printed. */
  helperValues?: ValueOrigin[];
}

/** Where a value came from: a values file (or `--set`) and the range of the value in it. */
export interface ValueOrigin {
  /** The values file as given ('values.yaml', 'charts/sub/values.yaml', a -f file), or '--set'. */
  file: string;
  /** Path of keys and indexes from the root of the chart's values (`.Values`). */
  path: (string | number)[];
  /** Offsets of the value node in the file (for a map or list: the whole subtree). */
  range?: [number, number];
  /** Offsets of its key, when the value is a map entry. */
  keyRange?: [number, number];
}

class BreakSignal {}
class ContinueSignal {}

/** Function values `and`/`or` and friends need unevaluated arguments; marked with this. */
const LAZY = Symbol('lazy');

interface Variable {
  name: string;
  value: unknown;
}

/** Output sink of one execution: text chunks plus provenance segments. */
export class Output {
  parts: string[] = [];
  length = 0;
  segments: OutputSegment[] = [];
  constructor(private readonly counter: { chars: number; limit: number }) {}
  write(s: string, seg?: Omit<OutputSegment, 'outStart' | 'outEnd'>): void {
    if (s.length === 0) return;
    this.counter.chars += s.length;
    if (this.counter.chars > this.counter.limit) throw new BudgetError(`output exceeds ${this.counter.limit} characters`);
    if (seg) this.segments.push({ ...seg, outStart: this.length, outEnd: this.length + s.length });
    this.parts.push(s);
    this.length += s.length;
  }
  text(): string {
    return this.parts.join('');
  }
}

export interface ExecContext {
  templates: Map<string, NamedTemplate>;
  funcs: FuncMap;
  budgets: Budgets;
  /** Set by values tracking: origin of a value object's entries. */
  origins?: WeakMap<object, Map<string | number, ValueOrigin>>;
  /** Record provenance segments (costs a little time). */
  provenance?: boolean;
}

export class Executor {
  steps = 0;
  depth = 0;
  iterations = 0;
  readonly counter: { chars: number; limit: number };
  /** Origin of the last value evaluated, when provenance is on. */
  private lastOrigin: ValueOrigin | undefined;

  constructor(readonly ctx: ExecContext) {
    this.counter = { chars: 0, limit: ctx.budgets.outputChars };
  }

  /** Runs the named template with `dot` as data, into a fresh output. */
  execute(name: string, dot: unknown, templateFile?: string): Output {
    const t = this.ctx.templates.get(name);
    if (!t) throw new TemplateError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(templateFile ?? name)}`);
    const out = new Output(this.counter);
    this.run(t, dot, out);
    return out;
  }

  run(t: NamedTemplate, dot: unknown, out: Output): void {
    if (++this.depth > this.ctx.budgets.depth) throw new BudgetError(`template nesting exceeds ${this.ctx.budgets.depth} (recursive include or tpl?)`);
    try {
      const st = new State(this, t, out, [{ name: '$', value: dot }]);
      st.walkList(dot, t.root);
    } finally {
      this.depth--;
    }
  }

  step(): void {
    if (++this.steps > this.ctx.budgets.steps) throw new BudgetError(`template execution exceeds ${this.ctx.budgets.steps} steps`);
  }
  iterate(): void {
    if (++this.iterations > this.ctx.budgets.rangeIterations) throw new BudgetError(`range iterations exceed ${this.ctx.budgets.rangeIterations}`);
  }
  setOrigin(o: ValueOrigin | undefined): void {
    this.lastOrigin = o;
  }
  /** Values printed by the last include/tpl, for the action that prints its result. */
  helperValues: ValueOrigin[] | undefined;
  takeOrigin(): ValueOrigin | undefined {
    const o = this.lastOrigin;
    this.lastOrigin = undefined;
    return o;
  }
}

/** The error Go's template prints, prefixed with the template and position. */
export class ExecError extends TemplateError {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly line: number,
    readonly col: number,
    readonly detail: string,
    context: string,
  ) {
    super(`template: ${file}:${line}:${col}: executing ${JSON.stringify(file)} at <${context}>: ${detail}`);
  }
}

function lineCol(src: string, off: number): [number, number] {
  let line = 1;
  let last = -1;
  for (let i = 0; i < off && i < src.length; i++)
    if (src.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  return [line, off - last - 1];
}

class State {
  constructor(
    readonly ex: Executor,
    readonly t: NamedTemplate,
    readonly out: Output,
    readonly vars: Variable[],
  ) {}

  private node: { start: number; end: number } = { start: 0, end: 0 };

  fail(msg: string, node?: { start: number; end: number }): never {
    const n = node ?? this.node;
    const [line, col] = lineCol(this.t.source, n.start);
    throw new ExecError(this.t.file, n.start, line, col, msg, this.t.source.slice(n.start, Math.min(n.end, n.start + 60)));
  }

  walkList(dot: unknown, list: Node[]): void {
    for (const n of list) this.walk(dot, n);
  }

  walk(dot: unknown, n: Node): void {
    this.ex.step();
    this.node = n;
    switch (n.type) {
      case 'text':
        this.out.write(n.text, this.ex.ctx.provenance ? { file: this.t.file, srcStart: n.start, srcEnd: n.end, kind: 'text' } : undefined);
        return;
      case 'action': {
        this.ex.takeOrigin();
        this.ex.helperValues = undefined;
        const v = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) {
          const origin = this.ex.takeOrigin();
          const helper = this.ex.helperValues as ValueOrigin[] | undefined;
          this.ex.helperValues = undefined;
          const s = printValue(v, this, n);
          const seg: Omit<OutputSegment, 'outStart' | 'outEnd'> | undefined = this.ex.ctx.provenance
            ? {
                file: this.t.file,
                srcStart: n.start,
                srcEnd: n.end,
                kind: 'action',
                ...(origin ? { value: origin } : {}),
                ...(helper && helper.length ? { helperValues: helper } : {}),
              }
            : undefined;
          this.out.write(s, seg);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, n.pipe);
        if (truth(v)) this.walkList(n.type === 'with' ? v : dot, n.list);
        else if (n.elseList) this.walkList(dot, n.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        this.walkRange(dot, n);
        return;
      case 'template':
        this.walkTemplate(dot, n);
        return;
      case 'break':
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- control flow, not an error: no stack to capture per loop step
        throw new BreakSignal();
      case 'continue':
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- control flow, not an error: no stack to capture per loop step
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: unknown, n: Extract<Node, { type: 'range' }>): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, n.pipe);
    const decl = n.pipe.decl;
    // Go: evalPipeline pushed the declared variables; each iteration sets the top one to the
    // element and the one below it to the index.
    const top = this.vars.length;
    const one = (index: unknown, elem: unknown): boolean => {
      this.ex.iterate();
      if (decl.length > 0) {
        if (n.pipe.isAssign) {
          if (decl.length > 1) {
            this.setVar(decl[0]!, index);
            this.setVar(decl[1]!, elem);
          } else this.setVar(decl[0]!, elem);
        } else {
          this.vars[top - 1] = { name: this.vars[top - 1]!.name, value: elem };
          if (decl.length > 1) this.vars[top - 2] = { name: this.vars[top - 2]!.name, value: index };
        }
      }
      const inner = this.vars.length;
      try {
        this.walkList(elem, n.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = inner;
      }
      return true;
    };
    let ran = false;
    const entries = goEntries(val);
    if (entries) {
      for (const [k, v] of entries) {
        ran = true;
        if (!one(k, v)) break;
      }
    } else if (Array.isArray(val) || val instanceof Uint8Array) {
      const arr = Array.from(val as ArrayLike<unknown>);
      for (let i = 0; i < arr.length; i++) {
        ran = true;
        if (!one(BigInt(i), arr[i])) break;
      }
    } else if (isMap(val)) {
      const keys = Object.keys(val).sort(compareStrings);
      for (const k of keys) {
        ran = true;
        if (!one(k, val[k])) break;
      }
    } else if (typeof val === 'bigint') {
      if (decl.length > 1) this.fail("can't use " + val.toString() + ' to iterate over more than one variable');
      for (let i = 0n; i < val; i++) {
        ran = true;
        if (!one(i, i)) break;
      }
    } else if (isNil(val)) {
      // nothing to iterate
    } else if (typeof val === 'number' || typeof val === 'string' || typeof val === 'boolean') {
      this.fail(`range can't iterate over ${formatV(val)}`, n.pipe);
    } else {
      this.fail(`range can't iterate over ${formatV(val)}`, n.pipe);
    }
    if (!ran && n.elseList) {
      this.vars.length = mark;
      this.walkList(dot, n.elseList);
    }
    this.vars.length = mark;
  }

  private walkTemplate(dot: unknown, n: TemplateNode): void {
    const t = this.ex.ctx.templates.get(n.name);
    if (!t) this.fail(`template: no template ${JSON.stringify(n.name)} associated with template ${JSON.stringify(this.t.file)}`, n);
    const newDot = n.pipe ? this.evalPipeline(dot, n.pipe) : null;
    this.ex.run(t, newDot, this.out);
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  private varValue(name: string, node: ArgNode): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return this.fail(`undefined variable: ${name}`, node);
  }

  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    if (value === MISSING) value = null;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d, value);
      else this.vars.push({ name: d, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: unknown): unknown {
    this.ex.step();
    const first = cmd.args[0]!;
    this.node = cmd;
    switch (first.type) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain': {
        const pipeVal = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, pipeVal, first, first.field, cmd.args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': {
        const v = this.varValue(first.ident[0]!, first);
        if (first.ident.length === 1) {
          this.notAFunction(cmd.args, final);
          return v;
        }
        return this.evalFieldChain(dot, v, first, first.ident.slice(1), cmd.args, final);
      }
    }
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.fail('nil is not a command', first);
      case 'number':
        return numberValue(first);
      case 'string':
        return first.value;
    }
    return this.fail(`can't evaluate command ${JSON.stringify(first)}`);
  }

  private notAFunction(args: ArgNode[], final: unknown): void {
    if (args.length > 1 || final !== MISSING) this.fail(`can't give argument to non-function ${this.t.source.slice(args[0]!.start, args[0]!.end)}`, args[0]);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: ArgNode, ident: string[], args: ArgNode[], final: unknown): unknown {
    const n = ident.length;
    // Go: a field of an invalid value (a nil pipeline result or variable) is itself invalid, while a
    // field of a nil map entry met inside the chain is an error ("nil pointer evaluating").
    if (isNil(receiver)) return null;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalField(dot: unknown, fieldName: string, node: ArgNode, args: ArgNode[], final: unknown, receiver: unknown): unknown {
    if (isNil(receiver)) this.fail(`nil pointer evaluating interface {}.${fieldName}`, node);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) this.fail(`${fieldName} is not a method but has arguments`, node);
      const has = Object.prototype.hasOwnProperty.call(receiver, fieldName);
      if (this.ex.ctx.provenance) {
        const o = this.ex.ctx.origins?.get(receiver)?.get(fieldName);
        this.ex.setOrigin(o);
      }
      return has ? receiver[fieldName] : null;
    }
    if (typeof receiver === 'object' && /^[A-Z]/.test(fieldName)) {
      const m = (receiver as Record<string, unknown>)[fieldName];
      if (typeof m === 'function') return this.callFunc(dot, fieldName, methodFunc(receiver as object, m as (...a: unknown[]) => unknown), args, final, node);
    }
    if (isStruct(receiver)) {
      const v = (receiver as Record<string, unknown>)[fieldName];
      if (v === undefined || !/^[A-Z]/.test(fieldName)) this.fail(`can't evaluate field ${fieldName} in type ${typeOf(receiver)}`, node);
      if (hasArgs) this.fail(`${fieldName} has arguments but cannot be invoked as function`, node);
      if (this.ex.ctx.provenance) this.ex.setOrigin(this.ex.ctx.origins?.get(receiver)?.get(fieldName));
      return v;
    }
    return this.fail(`can't evaluate field ${fieldName} in type ${typeOf(receiver)}`, node);
  }

  private evalFunction(dot: unknown, name: string, node: ArgNode, cmd: CommandNode, args: ArgNode[], final: unknown): unknown {
    void cmd;
    switch (name) {
      case 'and':
      case 'or': {
        const list = args.slice(1);
        const n = list.length + (final !== MISSING ? 1 : 0);
        if (n < 1) this.fail(`wrong number of args for ${name}: want at least 1 got 0`, node);
        let v: unknown = null;
        for (let i = 0; i < n; i++) {
          v = i < list.length ? this.evalArg(dot, list[i]!) : final;
          if (truth(v) === (name === 'or')) return v;
        }
        return v;
      }
    }
    const f = this.ex.ctx.funcs.get(name) ?? BUILTINS.get(name);
    if (!f) this.fail(`function ${JSON.stringify(name)} not defined`, node);
    return this.callFunc(dot, name, f, args, final, node);
  }

  private callFunc(dot: unknown, name: string, f: TemplateFunc, args: ArgNode[], final: unknown, node: ArgNode): unknown {
    const argNodes = args.slice(1);
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    const np = f.params.length;
    if (f.variadic) {
      if (numIn < np - 1) this.fail(`wrong number of args for ${name}: want at least ${np - 1} got ${numIn}`, node);
    } else if (numIn !== np) this.fail(`wrong number of args for ${name}: want ${np} got ${numIn}`, node);
    const kindAt = (i: number): ParamKind => (i < np - 1 || !f.variadic ? f.params[i]! : f.params[np - 1]!);
    const argv: unknown[] = [];
    const pipeOrigin = this.ex.takeOrigin();
    let origin: ValueOrigin | undefined;
    for (let i = 0; i < argNodes.length; i++) {
      const a = argNodes[i]!;
      const k = kindAt(i);
      this.ex.takeOrigin();
      argv.push(this.evalTypedArg(dot, a, k, name));
      origin = origin ?? this.ex.takeOrigin();
    }
    origin = origin ?? pipeOrigin;
    if (final !== MISSING) argv.push(this.convert(final, kindAt(argv.length), name, node, true));
    try {
      const r = (f.fn as (...a: unknown[]) => unknown)(...argv);
      this.ex.setOrigin(origin);
      return r;
    } catch (e) {
      if (e instanceof BudgetError || e instanceof ExecError) throw e;
      if (e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
      if (e instanceof TemplateError) this.fail(`error calling ${name}: ${e.message}`, node);
      if (e instanceof RangeError) this.fail(`error calling ${name}: ${e.message}`, node);
      throw e;
    }
  }

  private evalTypedArg(dot: unknown, a: ArgNode, k: ParamKind, fname: string): unknown {
    if (a.type === 'number') {
      switch (k) {
        case 'int':
          if (a.int === null) this.fail(`expected integer; found ${a.text}`, a);
          return a.int;
        case 'float':
          return a.float;
        case 'any':
          return numberValue(a);
        default:
          return this.fail(`expected ${goKind(k)}; found ${a.text}`, a);
      }
    }
    if (a.type === 'nil') {
      if (k === 'any' || k === 'list' || k === 'map' || k === 'strings') return null;
      this.fail(`cannot assign nil to ${goKind(k)}`, a);
    }
    if (a.type === 'string' && k !== 'string' && k !== 'any') this.fail(`expected ${goKind(k)}; found ${JSON.stringify(a.value)}`, a);
    if (a.type === 'bool' && k !== 'bool' && k !== 'any') this.fail(`expected ${goKind(k)}; found ${a.value}`, a);
    const v = this.evalArg(dot, a);
    return this.convert(v, k, fname, a, false);
  }

  private convert(v: unknown, k: ParamKind, fname: string, node: ArgNode, fromPipe: boolean): unknown {
    void fname;
    if (v === MISSING) v = null;
    switch (k) {
      case 'any':
        return v;
      case 'string':
        if (typeof v === 'string') return v;
        break;
      case 'int':
        if (typeof v === 'bigint') return v;
        break;
      case 'float':
        if (typeof v === 'number') return v;
        break;
      case 'bool':
        if (typeof v === 'boolean') return v;
        break;
      case 'list':
        if (Array.isArray(v) || v === null) return v;
        break;
      case 'map':
        if (isMap(v) || v === null) return v;
        break;
      case 'strings':
        if (v === null || (Array.isArray(v) && (v as unknown[]).every((e) => typeof e === 'string'))) return v;
        break;
    }
    if (isNil(v)) this.fail(fromPipe ? `invalid value; expected ${goKind(k)}` : `wrong type for value; expected ${goKind(k)}; got interface {}`, node);
    return this.fail(`wrong type for value; expected ${goKind(k)}; got ${typeOf(v)}`, node);
  }

  evalArg(dot: unknown, a: ArgNode): unknown {
    this.node = a;
    switch (a.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, a, a.ident, [a], MISSING);
      case 'variable': {
        const v = this.varValue(a.ident[0]!, a);
        if (a.ident.length === 1) return v;
        return this.evalFieldChain(dot, v, a, a.ident.slice(1), [a], MISSING);
      }
      case 'pipe':
        return this.evalPipeline(dot, a);
      case 'identifier':
        return this.evalFunction(dot, a.name, a, { type: 'command', args: [a], start: a.start, end: a.end }, [a], MISSING);
      case 'chain': {
        const v = this.evalArg(dot, a.node);
        return this.evalFieldChain(dot, v, a, a.field, [a], MISSING);
      }
      case 'bool':
        return a.value;
      case 'number':
        return numberValue(a);
      case 'string':
        return a.value;
    }
  }
}

const MISSING = Symbol('missing');
void LAZY;

function goKind(k: ParamKind): string {
  switch (k) {
    case 'any':
      return 'interface {}';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'list':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'strings':
      return '[]string';
    default:
      return k;
  }
}

function numberValue(a: Extract<ArgNode, { type: 'number' }>): unknown {
  if (a.isChar) return a.int;
  const hexInt = /^[+-]?0[xX]/.test(a.text) && !/[pP]/.test(a.text);
  if (!hexInt && /[.eEpP]/.test(a.text)) return a.float;
  return a.int ?? a.float;
}

/** Methods of Helm's objects declare their parameter kinds in a static `goParams` table. */
function methodFunc(receiver: object, fn: (...a: unknown[]) => unknown): TemplateFunc {
  const sig = (fn as { goParams?: ParamKind[] }).goParams ?? [];
  return { params: sig, fn: ((...args: unknown[]) => fn.apply(receiver, args)) as (...a: never[]) => unknown };
}

/** Declares the parameter kinds of a method of a Helm object. */
export function goMethod<T extends (...a: never[]) => unknown>(params: ParamKind[], fn: T): T {
  (fn as unknown as { goParams: ParamKind[] }).goParams = params;
  return fn;
}

function printValue(v: unknown, st: State, n: Node): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'function') st.fail("can't print function", n);
  return formatV(v);
}

// ---------------------------------------------------------------- builtins

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';
function basicKind(v: unknown): Kind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return 'other';
}

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new TemplateError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new TemplateError('incompatible types for comparison');
    } else if (k1 === 'other') {
      if (Array.isArray(a) || isMap(a) || Array.isArray(b) || isMap(b) || a instanceof Uint8Array)
        throw new TemplateError(`non-comparable type ${formatV(a)}: ${typeOf(a)}`);
      t = a === b;
    } else if (k1 === 'invalid') t = true;
    else t = a === b;
    if (t) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'bool' || k1 === 'other' || k1 === 'invalid') throw new TemplateError('invalid type for comparison');
  if (k1 !== k2) throw new TemplateError('incompatible types for comparison');
  return (a as number) < (b as number);
}

function indexOf(item: unknown, ...indexes: unknown[]): unknown {
  let v = item;
  if (isNil(v)) throw new TemplateError('index of untyped nil');
  for (const ix of indexes) {
    if (isNil(v)) throw new TemplateError('index of nil pointer');
    if (Array.isArray(v) || typeof v === 'string' || v instanceof Uint8Array) {
      if (typeof ix !== 'bigint') throw new TemplateError(`cannot index slice/array with type ${typeOf(ix)}`);
      const len = typeof v === 'string' ? utf8Encode(v).length : (v as ArrayLike<unknown>).length;
      if (ix < 0n || ix >= BigInt(len)) throw new TemplateError(`index out of range: ${ix}`);
      if (typeof v === 'string') v = BigInt(utf8Encode(v)[Number(ix)]!);
      else if (v instanceof Uint8Array) v = BigInt(v[Number(ix)]!);
      else v = (v as unknown[])[Number(ix)];
    } else if (isMap(v)) {
      if (typeof ix !== 'string') {
        if (isNil(ix)) throw new TemplateError('value is nil; should be of type string');
        throw new TemplateError(`value has type ${typeOf(ix)}; should be string`);
      }
      v = Object.prototype.hasOwnProperty.call(v, ix) ? v[ix] : null;
    } else throw new TemplateError(`can't index item of type ${typeOf(v)}`);
  }
  return v;
}

function sliceOf(item: unknown, ...idx: unknown[]): unknown {
  if (isNil(item)) throw new TemplateError('slice of untyped nil');
  if (idx.length > 3) throw new TemplateError(`too many slice indexes: ${idx.length}`);
  const isStr = typeof item === 'string';
  if (!isStr && !Array.isArray(item)) throw new TemplateError(`can't slice item of type ${typeOf(item)}`);
  if (isStr && idx.length === 3) throw new TemplateError('cannot 3-index slice a string');
  const bytes = isStr ? utf8Encode(item) : null;
  const len = bytes ? bytes.length : (item as unknown[]).length;
  const ns = idx.map((x) => {
    if (typeof x !== 'bigint') throw new TemplateError(`cannot index slice/array with type ${typeOf(x)}`);
    const n = Number(x);
    if (n < 0 || n > len) throw new TemplateError(`index out of range: ${n}`);
    return n;
  });
  const i = ns[0] ?? 0;
  const j = ns[1] ?? len;
  if (i > j) throw new TemplateError(`invalid slice index: ${i} > ${j}`);
  if (bytes) return utf8Decode(bytes.slice(i, j));
  return (item as unknown[]).slice(i, j);
}

/** Helm objects that are Go maps (like .Files) expose their entries, in key order, this way. */
function goEntries(v: unknown): [string, unknown][] | undefined {
  const f = v !== null && typeof v === 'object' ? (v as { goEntries?: () => [string, unknown][] }).goEntries : undefined;
  return typeof f === 'function' ? f.call(v) : undefined;
}

function lenOf(v: unknown): bigint {
  const e = goEntries(v);
  if (e) return BigInt(e.length);
  if (typeof v === 'string') return BigInt(byteLength(v));
  if (Array.isArray(v) || v instanceof Uint8Array) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  if (isNil(v)) throw new TemplateError('len of nil pointer');
  throw new TemplateError(`len of type ${typeOf(v)}`);
}

/** Argument text for html/js/urlquery: one string as is, else fmt.Sprint of all. */
function evalArgsString(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      default:
        if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else out += ch;
    }
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const f = (params: ParamKind[], fn: (...a: never[]) => unknown, variadic = false): TemplateFunc => ({ params, fn, variadic });

export const BUILTINS: FuncMap = new Map<string, TemplateFunc>([
  ['not', f(['any'], ((v: unknown) => !truth(v)) as never)],
  ['eq', f(['any', 'any'], eq as never, true)],
  ['ne', f(['any', 'any'], ((a: unknown, b: unknown) => !eq(a, b)) as never)],
  ['lt', f(['any', 'any'], lt as never)],
  ['le', f(['any', 'any'], ((a: unknown, b: unknown) => lt(a, b) || eq(a, b)) as never)],
  ['gt', f(['any', 'any'], ((a: unknown, b: unknown) => !(lt(a, b) || eq(a, b))) as never)],
  ['ge', f(['any', 'any'], ((a: unknown, b: unknown) => !lt(a, b)) as never)],
  ['index', f(['any', 'any'], indexOf as never, true)],
  ['slice', f(['any', 'any'], sliceOf as never, true)],
  ['len', f(['any'], lenOf as never)],
  ['print', f(['any'], ((...a: unknown[]) => sprint(a)) as never, true)],
  ['printf', f(['string', 'any'], ((fmt: string, ...a: unknown[]) => sprintf(fmt, a)) as never, true)],
  ['println', f(['any'], ((...a: unknown[]) => sprintln(a)) as never, true)],
  ['html', f(['any'], ((...a: unknown[]) => htmlEscape(evalArgsString(a))) as never, true)],
  ['js', f(['any'], ((...a: unknown[]) => jsEscape(evalArgsString(a))) as never, true)],
  ['urlquery', f(['any'], ((...a: unknown[]) => queryEscape(evalArgsString(a))) as never, true)],
  [
    'call',
    f(
      ['any', 'any'],
      ((fn: unknown, ...a: unknown[]) => {
        if (typeof fn !== 'function') throw new TemplateError(`non-function of type ${typeOf(fn)}`);
        return (fn as (...x: unknown[]) => unknown)(...a);
      }) as never,
      true,
    ),
  ],
]);
