/**
 * Lexer and parser for Go's `text/template` language, producing a tree close to Go's
 * `text/template/parse`: every node keeps its byte range in the template source so that the
 * renderer can say which text or action produced each piece of output.
 *
 * Covered: `{{`/`}}` with `{{- `/` -}}` trimming, comments, pipelines, variables (`$x :=`, `$x =`),
 * fields and chains, parenthesised pipelines, `if`/`else if`/`else`, `with`/`else with`, `range`
 * (with `break`/`continue`), `define`, `template`, `block`, and Go's literal syntax (strings, raw
 * strings, characters, ints in every base, floats, `true`/`false`/`nil`).
 */

export class TemplateParseError extends Error {
  constructor(
    readonly template: string,
    readonly offset: number,
    readonly line: number,
    message: string,
  ) {
    super(`template: ${template}:${line}: ${message}`);
  }
}

export interface Range {
  /** Byte offset (UTF-16 index) where the node starts in the template source. */
  start: number;
  end: number;
}

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

export interface TextNode extends Range {
  type: 'text';
  text: string;
}
export interface ActionNode extends Range {
  type: 'action';
  pipe: PipeNode;
}
export interface BranchNode extends Range {
  pipe: PipeNode;
  list: Node[];
  elseList: Node[] | null;
}
export interface IfNode extends BranchNode {
  type: 'if';
}
export interface WithNode extends BranchNode {
  type: 'with';
}
export interface RangeNode extends BranchNode {
  type: 'range';
}
export interface TemplateNode extends Range {
  type: 'template';
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends Range {
  type: 'break';
}
export interface ContinueNode extends Range {
  type: 'continue';
}

export interface PipeNode extends Range {
  type: 'pipe';
  isAssign: boolean;
  decl: string[];
  cmds: CommandNode[];
}
export interface CommandNode extends Range {
  type: 'command';
  args: ArgNode[];
}
export type ArgNode =
  | { type: 'field'; ident: string[]; start: number; end: number }
  | { type: 'variable'; ident: string[]; start: number; end: number }
  | { type: 'chain'; node: ArgNode; field: string[]; start: number; end: number }
  | { type: 'identifier'; name: string; start: number; end: number }
  | { type: 'dot'; start: number; end: number }
  | { type: 'nil'; start: number; end: number }
  | { type: 'bool'; value: boolean; start: number; end: number }
  | { type: 'number'; text: string; int: bigint | null; float: number; isChar: boolean; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | PipeNode;

/** One parsed template file: its main list and the templates it defines. */
export interface ParsedTemplate {
  name: string;
  root: Node[];
  defines: Map<string, { root: Node[]; source: string; file: string }>;
}

// ---------------------------------------------------------------- lexer

type TokType =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'ident'
  | 'field'
  | 'variable'
  | 'dot'
  | 'string'
  | 'rawstring'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'keyword'
  | 'comment'
  | 'eof';

interface Token {
  type: TokType;
  val: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string): boolean => {
  const n = c.charCodeAt(0);
  if (n < 128) return (n >= 48 && n <= 57) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122) || n === 95;
  return /[\p{L}\p{Nd}_]/u.test(c);
};

function lex(name: string, src: string): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  const lineOf = (off: number): number => src.slice(0, off).split('\n').length;
  const fail = (off: number, msg: string): never => {
    throw new TemplateParseError(name, off, lineOf(off), msg);
  };
  let trimNext = false;
  while (pos <= src.length) {
    const open = src.indexOf('{{', pos);
    const textEnd = open < 0 ? src.length : open;
    let trimLeft = false;
    if ((open >= 0 && src.startsWith('{{- ', open)) || (open >= 0 && /^\{\{-[\t\r\n]/.test(src.slice(open, open + 4)))) trimLeft = true;
    let textStart = pos;
    if (trimNext) {
      while (textStart < textEnd && isSpace(src[textStart]!)) textStart++;
      trimNext = false;
    }
    let tEnd = textEnd;
    if (trimLeft) while (tEnd > textStart && isSpace(src[tEnd - 1]!)) tEnd--;
    if (tEnd > textStart) toks.push({ type: 'text', val: src.slice(textStart, tEnd), start: textStart, end: tEnd });
    if (open < 0) break;
    // inside an action
    pos = open + 2;
    if (trimLeft) pos += 2;
    // comment?
    const afterLeft = pos;
    if (src.startsWith('/*', pos)) {
      const close = src.indexOf('*/', pos + 2);
      if (close < 0) fail(open, 'unclosed comment');
      let p = close + 2;
      let trimR = false;
      if (src.startsWith(' -}}', p) || /^[\t\r\n]-\}\}/.test(src.slice(p, p + 4))) {
        trimR = true;
        p += 2;
      }
      if (!src.startsWith('}}', p)) fail(open, 'comment ends before closing delimiter');
      toks.push({ type: 'comment', val: src.slice(afterLeft, close + 2), start: open, end: p + 2 });
      pos = p + 2;
      trimNext = trimR;
      continue;
    }
    toks.push({ type: 'left', val: '{{', start: open, end: afterLeft });
    let parenDepth = 0;
    for (;;) {
      if (pos >= src.length) fail(open, 'unclosed action');
      const c = src[pos]!;
      // right delimiter, with optional trim marker
      if (isSpace(c)) {
        let p = pos;
        while (p < src.length && isSpace(src[p]!)) p++;
        if (src.startsWith('-}}', p)) {
          toks.push({ type: 'right', val: '}}', start: p, end: p + 3 });
          pos = p + 3;
          trimNext = true;
          break;
        }
        toks.push({ type: 'space', val: src.slice(pos, p), start: pos, end: p });
        pos = p;
        continue;
      }
      if (src.startsWith('}}', pos)) {
        if (parenDepth > 0) fail(pos, 'unclosed left paren');
        toks.push({ type: 'right', val: '}}', start: pos, end: pos + 2 });
        pos += 2;
        break;
      }
      if (c === '/' && src.startsWith('/*', pos)) fail(pos, 'comment must be at the start of an action');
      const start = pos;
      const push = (type: TokType, end: number): void => {
        toks.push({ type, val: src.slice(start, end), start, end });
        pos = end;
      };
      if (c === '|') push('pipe', pos + 1);
      else if (c === '(') {
        parenDepth++;
        push('lparen', pos + 1);
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) fail(pos, 'unexpected right paren');
        push('rparen', pos + 1);
      } else if (c === ',') push('comma', pos + 1);
      else if (c === ':') {
        if (src[pos + 1] !== '=') fail(pos, 'expected :=');
        push('declare', pos + 2);
      } else if (c === '=') push('assign', pos + 1);
      else if (c === '"') {
        let p = pos + 1;
        for (;;) {
          const d = src[p];
          if (d === undefined || d === '\n') fail(pos, 'unterminated quoted string');
          if (d === '\\') p += 2;
          else if (d === '"') break;
          else p++;
        }
        push('string', p + 1);
      } else if (c === '`') {
        const close = src.indexOf('`', pos + 1);
        if (close < 0) fail(pos, 'unterminated raw quoted string');
        push('rawstring', close + 1);
      } else if (c === "'") {
        let p = pos + 1;
        for (;;) {
          const d = src[p];
          if (d === undefined || d === '\n') fail(pos, 'unterminated character constant');
          if (d === '\\') p += 2;
          else if (d === "'") break;
          else p++;
        }
        push('char', p + 1);
      } else if (c === '$') {
        let p = pos + 1;
        while (p < src.length && isAlnum(src[p]!)) p++;
        push('variable', p);
      } else if (c === '.') {
        const d = src[pos + 1];
        if (d !== undefined && /[0-9]/.test(d)) {
          push('number', scanNumber(src, pos, fail));
        } else {
          let p = pos + 1;
          while (p < src.length && isAlnum(src[p]!)) p++;
          push(p === pos + 1 ? 'dot' : 'field', p);
        }
      } else if (/[0-9+-]/.test(c)) {
        push('number', scanNumber(src, pos, fail));
      } else if (isAlnum(c)) {
        let p = pos;
        while (p < src.length && isAlnum(src[p]!)) p++;
        const word = src.slice(pos, p);
        if (word === 'true' || word === 'false') push('bool', p);
        else if (word === 'nil') push('nil', p);
        else if (KEYWORDS.has(word)) push('keyword', p);
        else push('ident', p);
      } else {
        fail(pos, `unexpected ${JSON.stringify(c)} in command`);
      }
    }
  }
  toks.push({ type: 'eof', val: '', start: src.length, end: src.length });
  return toks;
}

function scanNumber(src: string, pos: number, fail: (off: number, msg: string) => never): number {
  let p = pos;
  if (src[p] === '+' || src[p] === '-') p++;
  let digits = '0123456789_';
  if (src[p] === '0' && /[xXoObB]/.test(src[p + 1] ?? '')) {
    const b = src[p + 1]!.toLowerCase();
    digits = b === 'x' ? '0123456789abcdefABCDEF_' : b === 'o' ? '01234567_' : '01_';
    p += 2;
  }
  while (p < src.length && digits.includes(src[p]!)) p++;
  if (src[p] === '.') {
    p++;
    while (p < src.length && digits.includes(src[p]!)) p++;
  }
  const exp = digits.length > 16 ? 'pP' : 'eE';
  if (src[p] !== undefined && exp.includes(src[p]!)) {
    p++;
    if (src[p] === '+' || src[p] === '-') p++;
    while (p < src.length && /[0-9_]/.test(src[p]!)) p++;
  }
  if (src[p] === 'i') p++;
  if (p < src.length && isAlnum(src[p]!)) fail(pos, `bad number syntax: ${JSON.stringify(src.slice(pos, p + 1))}`);
  return p;
}

// ---------------------------------------------------------------- literals

const ESC: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Go's strconv.Unquote for "…" and '…' literals. */
export function unquoteGo(lit: string): string {
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = body[++i]!;
    if (d in ESC) out += ESC[d];
    else if (d === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (d === 'u') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (d === 'U') {
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (/[0-7]/.test(d)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else throw new Error(`invalid escape \\${d}`);
  }
  return out;
}

function parseNumber(text: string, isChar: boolean): { int: bigint | null; float: number } {
  if (isChar) {
    const s = unquoteGo(text);
    const cp = s.codePointAt(0) ?? 0;
    return { int: BigInt(cp), float: cp };
  }
  const t = text.replace(/_/g, '');
  let neg = false;
  let body = t;
  if (body[0] === '+' || body[0] === '-') {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[bB][01]+$/.test(body) || /^0[oO][0-7]+$/.test(body)) {
    const v = BigInt(body);
    return { int: neg ? -v : v, float: Number(neg ? -v : v) };
  }
  if (/^0[0-7]+$/.test(body)) {
    const v = BigInt('0o' + body.slice(1));
    return { int: neg ? -v : v, float: Number(neg ? -v : v) };
  }
  if (/^[0-9]+$/.test(body)) {
    const v = BigInt(body);
    return { int: neg ? -v : v, float: Number(neg ? -v : v) };
  }
  let f = Number(body);
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([-+]?\d+)$/.exec(body);
  if (hex) {
    const int = hex[1] ?? '';
    const frac = hex[2] ?? '';
    const m = parseInt(int + frac || '0', 16);
    f = m * Math.pow(2, Number(hex[3]) - 4 * frac.length);
  }
  if (Number.isNaN(f)) throw new Error(`bad number syntax: ${JSON.stringify(text)}`);
  const val = neg ? -f : f;
  // A float constant with an integral value is also usable as an int (Go's untyped constants).
  return { int: Number.isInteger(val) && Math.abs(val) < 2 ** 63 ? BigInt(val) : null, float: val };
}

// ---------------------------------------------------------------- parser

class Parser {
  private i = 0;
  private vars: string[][] = [];
  readonly defines = new Map<string, { root: Node[]; source: string; file: string }>();

  constructor(
    private readonly name: string,
    private readonly src: string,
    private readonly toks: Token[],
  ) {}

  private lineOf(off: number): number {
    let n = 1;
    for (let k = 0; k < off && k < this.src.length; k++) if (this.src.charCodeAt(k) === 10) n++;
    return n;
  }
  private fail(off: number, msg: string): never {
    throw new TemplateParseError(this.name, off, this.lineOf(off), msg);
  }
  private peek(): Token {
    return this.toks[this.i]!;
  }
  private next(): Token {
    return this.toks[this.i++]!;
  }
  private peekNonSpace(): Token {
    let k = this.i;
    while (this.toks[k]!.type === 'space') k++;
    return this.toks[k]!;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private expect(type: TokType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.fail(t.start, `unexpected ${describe(t)} in ${context}`);
    return t;
  }

  parse(): Node[] {
    this.vars = [['$']];
    const root: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'left') {
        const k = this.toks[this.i + 1]!.type === 'space' ? this.i + 2 : this.i + 1;
        const kw = this.toks[k]!;
        if (kw.type === 'keyword' && kw.val === 'define') {
          this.next();
          this.nextNonSpace();
          this.parseDefine(t.start);
          continue;
        }
      }
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') this.fail(t.start, `unexpected {{${n}}}`);
      if (n) root.push(n);
    }
    return root;
  }

  private parseDefine(start: number): void {
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawstring') this.fail(nameTok.start, 'name of template in define must be a string');
    const name = nameTok.type === 'string' ? unquoteGo(nameTok.val) : nameTok.val.slice(1, -1);
    this.expect('right', 'define clause');
    const saved = this.vars;
    this.vars = [['$']];
    const [list, endTok] = this.itemList(start);
    if (endTok !== 'end') this.fail(start, 'unexpected {{else}} in define');
    this.vars = saved;
    this.addDefine(name, list);
  }

  private addDefine(name: string, list: Node[]): void {
    // Go: a later non-empty definition replaces an earlier one; an empty one never replaces.
    const prev = this.defines.get(name);
    if (prev && isEmptyList(list)) return;
    this.defines.set(name, { root: list, source: this.src, file: this.name });
  }

  /** Items up to {{end}} or {{else}}; returns the list and which one ended it. */
  private itemList(start: number): [Node[], 'end' | 'else'] {
    const list: Node[] = [];
    for (;;) {
      if (this.peek().type === 'eof') this.fail(start, 'unexpected EOF');
      const n = this.textOrAction();
      if (n === 'end' || n === 'else') return [list, n];
      if (n) list.push(n);
    }
  }

  private textOrAction(): Node | 'end' | 'else' | null {
    const t = this.next();
    if (t.type === 'text') return { type: 'text', text: t.val, start: t.start, end: t.end };
    if (t.type === 'comment') return null;
    if (t.type === 'left') return this.action(t.start);
    return this.fail(t.start, `unexpected ${describe(t)}`);
  }

  private action(start: number): Node | 'end' | 'else' {
    const t = this.peekNonSpace();
    if (t.type === 'keyword') {
      this.nextNonSpace();
      switch (t.val) {
        case 'end':
          this.expect('right', 'end');
          return 'end';
        case 'else':
          // "else if"/"else with" are handled by the branch parser, which peeks.
          if (this.peekNonSpace().type === 'keyword') {
            this.elseChain = this.peekNonSpace().val;
            return 'else';
          }
          this.elseChain = null;
          this.expect('right', 'else');
          return 'else';
        case 'if':
        case 'with':
        case 'range':
          return this.branch(t.val, start);
        case 'break':
        case 'continue': {
          if (this.rangeDepth === 0) this.fail(t.start, `{{${t.val}}} outside {{range}}`);
          const r = this.expect('right', t.val);
          return { type: t.val, start, end: r.end };
        }
        case 'template':
          return this.templateCall(start);
        case 'block':
          return this.block(start);
        case 'define':
          return this.fail(t.start, 'unexpected define: define clauses must be at the top level');
        case 'nil':
          break;
        default:
          return this.fail(t.start, `unexpected ${t.val}`);
      }
    }
    const pipe = this.pipeline('command', 'right');
    const endTok = this.toks[this.i - 1]!;
    return { type: 'action', pipe, start, end: endTok.end };
  }

  private elseChain: string | null = null;
  private rangeDepth = 0;

  private branch(kind: 'if' | 'with' | 'range', start: number): Node {
    this.vars.push([]);
    const pipe = this.pipeline(kind, 'right');
    if (kind === 'range') this.rangeDepth++;
    const [list, ended] = this.itemList(start);
    if (kind === 'range') this.rangeDepth--;
    let elseList: Node[] | null = null;
    let endPos = this.toks[this.i - 1]!.end;
    if (ended === 'else') {
      const chain = this.elseChain;
      if (chain && (chain === 'if' || chain === 'with') && (kind === chain || (kind !== 'range' && chain === kind))) {
        // {{else if …}} / {{else with …}}: a nested branch that consumes the shared {{end}}.
        const elseStart = this.toks[this.i - 1]!.start;
        this.nextNonSpace();
        const nested = this.branch(chain, elseStart);
        elseList = [nested];
        endPos = nested.end;
        this.vars.pop();
        return { type: kind, pipe, list, elseList, start, end: endPos } as Node;
      }
      if (chain) this.fail(this.peekNonSpace().start, `unexpected ${chain} after else`);
      const [el, ended2] = this.itemList(start);
      if (ended2 !== 'end') this.fail(start, 'expected end; found else');
      elseList = el;
      endPos = this.toks[this.i - 1]!.end;
    }
    this.vars.pop();
    return { type: kind, pipe, list, elseList, start, end: endPos } as Node;
  }

  private templateName(context: string): string {
    const t = this.nextNonSpace();
    if (t.type === 'string') return unquoteGo(t.val);
    if (t.type === 'rawstring') return t.val.slice(1, -1);
    return this.fail(t.start, `unexpected ${describe(t)} in ${context}`);
  }

  private templateCall(start: number): Node {
    const name = this.templateName('template clause');
    let pipe: PipeNode | null = null;
    if (this.peekNonSpace().type !== 'right') pipe = this.pipeline('template', 'right');
    else this.nextNonSpace();
    return { type: 'template', name, pipe, start, end: this.toks[this.i - 1]!.end };
  }

  private block(start: number): Node {
    const name = this.templateName('block clause');
    const pipe = this.pipeline('block', 'right');
    const saved = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = [['$']];
    this.rangeDepth = 0;
    const [list, ended] = this.itemList(start);
    if (ended !== 'end') this.fail(start, 'unexpected {{else}} in block');
    this.vars = saved;
    this.rangeDepth = savedRange;
    this.addDefine(name, list);
    return { type: 'template', name, pipe, start, end: this.toks[this.i - 1]!.end };
  }

  private hasVar(name: string): boolean {
    for (const scope of this.vars) if (scope.includes(name)) return true;
    return false;
  }

  private pipeline(context: string, end: 'right' | 'rparen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', isAssign: false, decl: [], cmds: [], start: first.start, end: first.start };
    // declarations
    if (first.type === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = after.type === 'assign';
        pipe.decl.push(first.val);
        if (after.type === 'declare') this.vars[this.vars.length - 1]!.push(first.val);
        else if (!this.hasVar(first.val)) this.fail(first.start, `undefined variable "${first.val}"`);
      } else if (after.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const second = this.expect('variable', 'range');
        const op = this.nextNonSpace();
        if (op.type !== 'declare' && op.type !== 'assign') this.fail(op.start, 'range can only initialize variables');
        pipe.isAssign = op.type === 'assign';
        pipe.decl.push(first.val, second.val);
        if (op.type === 'declare') this.vars[this.vars.length - 1]!.push(first.val, second.val);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === end) {
        this.nextNonSpace();
        if (pipe.cmds.length === 0) this.fail(t.start, `missing value for ${context}`);
        pipe.end = t.start;
        return pipe;
      }
      if (t.type === 'eof' || t.type === 'right' || t.type === 'rparen') this.fail(t.start, `unexpected ${describe(t)} in ${context}`);
      pipe.cmds.push(this.command(end));
      const sep = this.peekNonSpace();
      if (sep.type === 'pipe') {
        this.nextNonSpace();
        if (this.peekNonSpace().type === end) this.fail(sep.start, 'missing command after |');
      }
    }
  }

  private command(end: 'right' | 'rparen'): CommandNode {
    const startTok = this.peekNonSpace();
    const cmd: CommandNode = { type: 'command', args: [], start: startTok.start, end: startTok.start };
    for (;;) {
      const t0 = this.peek();
      if (t0.type === 'space') this.next();
      const t = this.peek();
      if (t.type === end || t.type === 'pipe') break;
      if (t.type === 'right' || t.type === 'rparen' || t.type === 'eof') this.fail(t.start, `unexpected ${describe(t)} in operand`);
      const operand = this.operand();
      cmd.args.push(operand);
      cmd.end = operand.end;
      const n = this.peek();
      if (n.type !== 'space' && n.type !== end && n.type !== 'pipe') {
        if (n.type === 'right' || n.type === 'rparen') continue;
        this.fail(n.start, `unexpected ${describe(n)} in operand`);
      }
    }
    if (cmd.args.length === 0) this.fail(startTok.start, 'empty command');
    return cmd;
  }

  private operand(): ArgNode {
    let node = this.term();
    if (this.peek().type === 'field') {
      const fields: string[] = [];
      let end = node.end;
      while (this.peek().type === 'field') {
        const f = this.next();
        fields.push(f.val.slice(1));
        end = f.end;
      }
      if (node.type === 'field') node = { type: 'field', ident: [...node.ident, ...fields], start: node.start, end };
      else if (node.type === 'variable') node = { type: 'variable', ident: [...node.ident, ...fields], start: node.start, end };
      else if (node.type === 'bool' || node.type === 'string' || node.type === 'number' || node.type === 'nil' || node.type === 'dot')
        this.fail(node.start, `unexpected . after term`);
      else node = { type: 'chain', node, field: fields, start: node.start, end };
    }
    return node;
  }

  private term(): ArgNode {
    const t = this.next();
    switch (t.type) {
      case 'ident':
        return { type: 'identifier', name: t.val, start: t.start, end: t.end };
      case 'dot':
        return { type: 'dot', start: t.start, end: t.end };
      case 'nil':
        return { type: 'nil', start: t.start, end: t.end };
      case 'variable':
        if (!this.hasVar(t.val)) this.fail(t.start, `undefined variable "${t.val}"`);
        return { type: 'variable', ident: [t.val], start: t.start, end: t.end };
      case 'field':
        return { type: 'field', ident: [t.val.slice(1)], start: t.start, end: t.end };
      case 'bool':
        return { type: 'bool', value: t.val === 'true', start: t.start, end: t.end };
      case 'char':
      case 'number': {
        try {
          const n = parseNumber(t.val, t.type === 'char');
          return { type: 'number', text: t.val, int: n.int, float: n.float, isChar: t.type === 'char', start: t.start, end: t.end };
        } catch (e) {
          return this.fail(t.start, (e as Error).message);
        }
      }
      case 'string':
        try {
          return { type: 'string', value: unquoteGo(t.val), start: t.start, end: t.end };
        } catch (e) {
          return this.fail(t.start, (e as Error).message);
        }
      case 'rawstring':
        return { type: 'string', value: t.val.slice(1, -1).replace(/\r/g, ''), start: t.start, end: t.end };
      case 'lparen': {
        const p = this.pipeline('parenthesized pipeline', 'rparen');
        p.start = t.start;
        p.end = this.toks[this.i - 1]!.end;
        return p;
      }
      case 'keyword':
        if (t.val === 'nil') return { type: 'nil', start: t.start, end: t.end };
        return this.fail(t.start, `unexpected <${t.val}> in operand`);
      default:
        return this.fail(t.start, `unexpected ${describe(t)} in operand`);
    }
  }
}

function isEmptyList(list: Node[]): boolean {
  return list.every((n) => n.type === 'text' && n.text.trim() === '');
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'right') return '"}}"';
  return `${JSON.stringify(t.val)}`;
}

/** Parses one template file. */
export function parseTemplate(name: string, src: string): ParsedTemplate {
  const toks = lex(name, src);
  const p = new Parser(name, src, toks);
  const root = p.parse();
  return { name, root, defines: p.defines };
}
