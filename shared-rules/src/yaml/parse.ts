/**
 * How Kubeward parses manifests: as Kubernetes reads them (YAML 1.1, merge
 * keys), with `yaml`, and one leniency Kubernetes has.
 *
 * Quoted scalars whose continuation lines are indented less than YAML allows:
 * Kubernetes reads manifests with go-yaml, which (like libyaml and PyYAML, so
 * kubectl, kube-linter and Checkov too) ends a quoted scalar at its closing
 * quote whatever the indentation of the lines in between. `yaml` follows the
 * spec: it cuts the scalar at the first under-indented line ("Missing closing
 * quote") and loses track of the rest of the document. The ZooKeeper and Kafka
 * examples of kubernetes.io write long shell commands this way; strictly
 * parsed, Kubernetes would run them while Kubeward checked nothing in them.
 *
 * So a document that fails that way is parsed again with a lexer whose quoted
 * scalars end where go-yaml's do. Everything else (values, folding, ranges,
 * other errors) is `yaml`'s own.
 */
import { Composer, Lexer, parseAllDocuments, Parser, type Document } from 'yaml';

export const PARSE_OPTIONS = {
  // Kubernetes decodes YAML 1.1: `yes`/`on` are booleans and `<<` merges.
  version: '1.1' as const,
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
  // yaml's own duplicate check compares each key with every earlier one
  // (20,000 keys: 14 s); the engine's duplicateKeyErrors does it in linear time.
  uniqueKeys: false,
  strict: false,
};

/**
 * The documents of a text as Kubernetes reads them. Callers bound the nesting
 * first (source/depth.ts); yaml may still throw a RangeError on absurd input.
 */
export function parseManifestDocuments(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, PARSE_OPTIONS) as unknown as Document.Parsed[];
  if (!cutsQuotedScalar(docs)) return docs;
  const lenient = parseWithLenientQuotes(text);
  return fatalErrorCount(lenient) < fatalErrorCount(docs) ? lenient : docs;
}

/** Errors that stop Kubernetes from reading a document (a duplicate key does not: the last one wins). */
export function fatalErrorCount(docs: readonly Document.Parsed[]): number {
  let n = 0;
  for (const doc of docs) for (const e of doc.errors) if (e.code !== 'DUPLICATE_KEY') n++;
  return n;
}

/** What the strict parse says when it cut a quoted scalar at an under-indented line. */
const MISSING_QUOTE = /^Missing closing ["']quote/;

function cutsQuotedScalar(docs: readonly Document.Parsed[]): boolean {
  return docs.some((doc) => doc.errors.some((e) => e.code === 'MISSING_CHAR' && MISSING_QUOTE.test(e.message)));
}

/** The fields of yaml's Lexer that its quoted-scalar step uses (yaml is pinned; a test covers this). */
interface LexerState {
  buffer: string;
  pos: number;
  atEnd: boolean;
  flowLevel: number;
  charAt(n: number): string;
  setNext(state: string): string;
  pushToIndex(i: number, allowEmpty: boolean): Generator<string, number>;
  parseQuotedScalar(): Generator<string, string>;
}

/** yaml's quoted-scalar step without the indentation check: the scalar ends at its closing quote. */
function lenientQuotedScalar(strict: LexerState['parseQuotedScalar']) {
  return function* (this: LexerState): Generator<string, string> {
    const quote = this.charAt(0);
    let end = this.buffer.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (end !== -1 && this.buffer[end + 1] === "'") end = this.buffer.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let backslashes = 0;
        while (this.buffer[end - 1 - backslashes] === '\\') backslashes++;
        if (backslashes % 2 === 0) break;
        end = this.buffer.indexOf('"', end + 1);
      }
    }
    // A document marker inside ends the document for go-yaml too: the strict step reports it.
    if (end === -1 || hasDocumentMarker(this.buffer, this.pos, end)) return yield* strict.call(this);
    yield* this.pushToIndex(end + 1, false);
    return this.flowLevel ? 'flow' : 'doc';
  };
}

function hasDocumentMarker(text: string, from: number, to: number): boolean {
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    const marker = text.slice(nl + 1, nl + 4);
    const next = text[nl + 4];
    if ((marker === '---' || marker === '...') && (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r')) return true;
  }
  return false;
}

/** parseAllDocuments, with quoted scalars read as go-yaml reads them. */
function parseWithLenientQuotes(source: string): Document.Parsed[] {
  const lexer = new Lexer() as unknown as LexerState;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the wrapper calls it with the lexer as `this`
  lexer.parseQuotedScalar = lenientQuotedScalar(lexer.parseQuotedScalar);
  const parser = new Parser();
  function* tokens() {
    for (const lexeme of (lexer as unknown as Lexer).lex(source, false)) yield* parser.next(lexeme);
    yield* parser.end();
  }
  return Array.from(new Composer(PARSE_OPTIONS).compose(tokens())) as unknown as Document.Parsed[];
}
