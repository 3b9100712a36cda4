/**
 * "Migrate this Ingress to Gateway API" routes like the Ingress did: for each
 * Ingress of the corpus (test/corpus, and the shared corpus beside the
 * repository when it is there) and of the fixtures below, generated requests
 * (host × path × scheme × canary headers) reach the same backend, or the same
 * redirect, under ingress-nginx's rules and under the Gateway API's
 * (test/helpers/routing.ts). A difference passes only when it is one the
 * migration announced in its notes (a whole-segment PathPrefix for an
 * ImplementationSpecific path, HTTP now redirected to HTTPS); the others fail.
 *
 * The written objects also validate against the Gateway API v1.6.1 CRD
 * schemas (test/fixtures/gateway-api-crds; CEL rules are not evaluated),
 * and Kubeward's Gateway API rules find nothing on them but HTTP-only
 * listeners for hosts the Ingress already served without TLS.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fileObjects, migrateIngress, RULES, type MigrationNote } from '../../shared-rules/src/index';
import { analyzeWorkspace } from '../helpers/workspace';
import { requestsFor, routeGateway, routeNginx, sameOutcome, type NginxTrace, type Outcome, type Request } from '../helpers/routing';
import { yaml } from '../helpers/yaml-tag';

type Any = Record<string, any>;
const ROOT = path.resolve(__dirname, '../..');
const CRDS = path.join(ROOT, 'test/fixtures/gateway-api-crds/v1.6.1');

// ------------------------------------------------------------------ schemas

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ValidateFunction>();
for (const file of fs.readdirSync(CRDS)) {
  const crd = parse(fs.readFileSync(path.join(CRDS, file), 'utf8')) as Any;
  for (const version of crd.spec.versions) {
    if (!version.served) continue;
    validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
  }
}
function schemaErrors(object: Any): string[] {
  const validate = validators.get(`${object.apiVersion}/${object.kind}`);
  if (!validate) return [`no schema for ${object.apiVersion} ${object.kind}`];
  const label = `${String(object.kind)} ${String(object.metadata?.name)}`;
  return validate(object) ? [] : (validate.errors ?? []).map((e) => `${label}: ${e.instancePath} ${e.message}`);
}

// ------------------------------------------------------------------ the check

const GATEWAY_RULES = RULES.filter((r) => r.meta.category === 'gateway-api');

interface Check {
  requests: number;
  compared: number;
  /** Differences the notes announce, by kind. */
  announced: Record<string, number>;
  /** Differences nothing announces: the migration is wrong for these. */
  unexplained: Array<{ req: Request; nginx: Outcome; gateway: Outcome }>;
}

function explain(trace: NginxTrace, notes: readonly MigrationNote[]): string | undefined {
  const changes = new Set(notes.map((n) => n.change).filter(Boolean));
  if (trace.partialSegment && changes.has('segment-prefix')) return 'segment-prefix';
  if (trace.httpPolicy && changes.has('https-redirect')) return 'https-redirect';
  if (trace.caseInsensitive && changes.has('case-sensitive')) return 'case-sensitive';
  if (changes.has('not-routed')) return 'not-routed';
  return undefined;
}

function check(text: string, offset: number): { result: ReturnType<typeof migrateIngress>; check?: Check } {
  const result = migrateIngress(text, { offset });
  if (!result.ok) return { result };
  const objects = fileObjects(text).map((o) => o.value as Any);
  const ingress = objects.find((o) => o.kind === 'Ingress' && o.metadata?.name === result.ingressName)!;
  const services = objects.filter((o) => o.kind === 'Service');
  const written = [...objects.filter((o) => o.kind === 'Gateway'), ...(result.objects as Any[])];
  const c: Check = { requests: 0, compared: 0, announced: {}, unexplained: [] };
  for (const req of requestsFor(ingress, objects)) {
    c.requests++;
    const trace: NginxTrace = {};
    const nginx = routeNginx(ingress, objects, services, req, trace);
    if (nginx.kind === 'untrusted') continue;
    c.compared++;
    const gateway = routeGateway(written, req);
    if (sameOutcome(nginx, gateway)) continue;
    const why = explain(trace, result.notes);
    if (why) c.announced[why] = (c.announced[why] ?? 0) + 1;
    else c.unexplained.push({ req, nginx, gateway });
  }
  return { result, check: c };
}

/** Every Ingress offset of a file (the start of each Ingress document). */
function ingressOffsets(text: string): number[] {
  return fileObjects(text)
    .filter((o) => o.value.kind === 'Ingress')
    .map((o) => o.start);
}

/** Schema errors and Kubeward Gateway API findings on the written objects (empty when all is well). */
function problems(result: Extract<ReturnType<typeof migrateIngress>, { ok: true }>): string[] {
  const out = result.objects.flatMap((object) => schemaErrors(object as Any));
  // Kubeward's Gateway rules (opt-in ones too) on the new objects, in a workspace with the rest of the file.
  const run = analyzeWorkspace({ 'migrated.yaml': result.newText }, { rules: GATEWAY_RULES, config: { rules: { '*': 'on' } } });
  // Where the inserted text sits in the new text.
  const ranges: Array<[number, number]> = [];
  let shift = 0;
  for (const e of [...result.edits].sort((a, b) => a.start - b.start)) {
    ranges.push([e.start + shift, e.start + shift + e.text.length]);
    shift += e.text.length - (e.end - e.start);
  }
  const tlsHosts = ((result.objects.find((o) => o.kind === 'Gateway')?.spec as Any)?.listeners ?? [])
    .filter((l: Any) => l.protocol === 'HTTPS')
    .map((l: Any) => l.hostname as string);
  for (const f of run.findings['migrated.yaml']!) {
    if (!ranges.some(([start, end]) => f.start >= start && f.start < end)) continue;
    // Only HTTP-only listeners are expected, for hosts the Ingress already served without TLS.
    if (f.ruleId === 'gateway-http-only-listener' && !tlsHosts.some((h: string) => f.message.includes(`serves ${h} `))) continue;
    out.push(`${f.ruleId}: ${f.message}`);
  }
  return out;
}

// ------------------------------------------------------------------ fixtures

const FIXTURES: Record<string, string> = {
  'tls, prefix and exact paths, default backend': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: shop
      namespace: web
    spec:
      ingressClassName: nginx
      defaultBackend:
        service:
          name: fallback
          port:
            number: 80
      tls:
        - hosts: [shop.example.com, "*.shop.example.com"]
          secretName: shop-tls
      rules:
        - host: shop.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: shop, port: {number: 80}}}
              - path: /api/
                pathType: Prefix
                backend: {service: {name: api, port: {number: 8080}}}
              - path: /api/v2
                pathType: Exact
                backend: {service: {name: api-v2, port: {number: 8080}}}
        - host: "*.shop.example.com"
          http:
            paths:
              - path: /static
                pathType: ImplementationSpecific
                backend: {service: {name: static, port: {number: 80}}}
        - http:
            paths:
              - path: /healthz
                pathType: Exact
                backend: {service: {name: health, port: {number: 80}}}
  `,
  'regex paths and rewrite': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: rw
      annotations:
        nginx.ingress.kubernetes.io/rewrite-target: /$2
    spec:
      ingressClassName: nginx
      rules:
        - host: rw.example.com
          http:
            paths:
              - path: /something(/|$)(.*)
                pathType: ImplementationSpecific
                backend: {service: {name: http-svc, port: {number: 80}}}
  `,
  'use-regex': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: re
      annotations:
        nginx.ingress.kubernetes.io/use-regex: "true"
    spec:
      ingressClassName: nginx
      rules:
        - host: re.example.com
          http:
            paths:
              - path: /foo/.*
                pathType: ImplementationSpecific
                backend: {service: {name: foo, port: {number: 80}}}
              - path: /foo/bar/[A-Z0-9]{3}
                pathType: ImplementationSpecific
                backend: {service: {name: bar, port: {number: 80}}}
  `,
  'canary by header value and weight': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: app
    spec:
      ingressClassName: nginx
      tls:
        - hosts: [app.example.com]
          secretName: app-tls
      rules:
        - host: app.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: app-v1, port: {number: 80}}}
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: app-canary
      annotations:
        nginx.ingress.kubernetes.io/canary: "true"
        nginx.ingress.kubernetes.io/canary-by-header: X-Version
        nginx.ingress.kubernetes.io/canary-by-header-value: v2
        nginx.ingress.kubernetes.io/canary-weight: "10"
    spec:
      ingressClassName: nginx
      rules:
        - host: app.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: app-v2, port: {number: 80}}}
  `,
  'ssl-redirect off, app-root, from-to-www': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: site
      annotations:
        nginx.ingress.kubernetes.io/ssl-redirect: "false"
        nginx.ingress.kubernetes.io/app-root: /app
        nginx.ingress.kubernetes.io/from-to-www-redirect: "true"
    spec:
      ingressClassName: nginx
      tls:
        - hosts: [site.example.com, www.site.example.com]
          secretName: site-tls
      rules:
        - host: site.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: site, port: {number: 80}}}
  `,
  'permanent redirect': yaml`
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata:
      name: moved
      annotations:
        nginx.ingress.kubernetes.io/permanent-redirect: https://new.example.com/landing
    spec:
      ingressClassName: nginx
      rules:
        - host: old.example.com
          http:
            paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: old, port: {number: 80}}}
  `,
};

describe('migrated Ingresses route like the Ingress', () => {
  for (const [name, text] of Object.entries(FIXTURES)) {
    it(name, () => {
      const offsets = ingressOffsets(text).filter(
        (o) => !/canary: "true"/.test(text.slice(o, text.indexOf('---', o + 1) === -1 ? undefined : text.indexOf('---', o + 1))),
      );
      for (const offset of offsets) {
        const { result, check: c } = check(text, offset);
        if (!result.ok) throw new Error(result.error);
        expect(c!.unexplained).toEqual([]);
        expect(c!.compared).toBeGreaterThan(10);
        expect(problems(result)).toEqual([]);
      }
    });
  }

  it('Ingresses of one file migrated one after the other share one Gateway and each routes like before', () => {
    const shop = FIXTURES['tls, prefix and exact paths, default backend']!;
    const blog = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: blog
        namespace: web
      spec:
        ingressClassName: nginx
        tls:
          - hosts: [blog.example.com]
            secretName: blog-tls
        rules:
          - host: blog.example.com
            http:
              paths:
                - path: /
                  pathType: Prefix
                  backend: {service: {name: blog, port: {number: 80}}}
    `;
    let text = `${shop}---\n${blog}`;
    const first = migrateIngress(text, { offset: 0 });
    if (!first.ok) throw new Error(first.error);
    text = first.newText;
    const second = migrateIngress(text, { offset: text.indexOf('name: blog') });
    if (!second.ok) throw new Error(second.error);
    expect(second.gateway).toMatchObject({ name: 'nginx', created: false, addListeners: [{ name: 'blog-example-com-https' }] });
    // Plain HTTP for blog.example.com reaches the listener without hostname the first Ingress wrote: its redirect route binds there.
    expect(problems(second)).toEqual([]);
    const objects = fileObjects(second.newText).map((o) => o.value as Any);
    expect(objects.filter((o) => o.kind === 'Gateway')).toHaveLength(1);
    for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
      for (const req of requestsFor(ingress, objects)) {
        const trace: NginxTrace = {};
        const nginx = routeNginx(ingress, objects, [], req, trace);
        // Hosts of this Ingress only: the others are another Ingress's (the shop's default backend takes them).
        if (nginx.kind === 'untrusted' || trace.partialSegment || !ingress.spec.rules.some((r: Any) => r.host === req.host)) continue;
        expect(routeGateway(objects, req), JSON.stringify(req)).toEqual(nginx);
      }
    }
  });

  it('tells a wrong migration apart: a route to another backend is caught', () => {
    const text = FIXTURES['tls, prefix and exact paths, default backend']!;
    const result = migrateIngress(text);
    if (!result.ok) throw new Error(result.error);
    const tampered = JSON.parse(JSON.stringify(result.objects).replace('"api-v2"', '"api"')) as Any[];
    const ingress = fileObjects(text)[0]!.value as Any;
    const req: Request = { scheme: 'https', host: 'shop.example.com', path: '/api/v2', headers: {} };
    expect(routeNginx(ingress, [], [], req)).toEqual({ kind: 'backend', backends: { 'api-v2:8080': 1 } });
    expect(sameOutcome(routeNginx(ingress, [], [], req), routeGateway(tampered, req))).toBe(false);
    expect(routeGateway(result.objects, { ...req, scheme: 'http' })).toEqual({ kind: 'redirect', location: 'https://shop.example.com/api/v2', code: 308 });
  });

  it('tells a broken object apart: schema errors and Kubeward findings are reported', () => {
    const result = migrateIngress(FIXTURES['tls, prefix and exact paths, default backend']!);
    if (!result.ok) throw new Error(result.error);
    const noCert = { ...result, newText: result.newText.replace(/\n +certificateRefs:\n +- kind: Secret\n +name: shop-tls/, '') };
    expect(noCert.newText).not.toBe(result.newText);
    expect(problems(noCert).some((p) => p.startsWith('gateway-https-listener-no-cert'))).toBe(true);
    const badPort = { ...result, objects: JSON.parse(JSON.stringify(result.objects).replace('"port":8080', '"port":0')) as typeof result.objects };
    expect(problems(badPort).some((p) => /port must be >= 1/.test(p))).toBe(true);
  });
});

// ------------------------------------------------------------------ corpus

function corpusFiles(): string[] {
  const roots = [path.join(ROOT, 'test/corpus'), path.resolve(ROOT, '../shared/corpus'), path.resolve(ROOT, '../../shared/corpus')].filter((r) =>
    fs.existsSync(r),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git' && entry.name !== 'gateway-api-crds') walk(full);
      } else if (/\.ya?ml$/.test(entry.name) && fs.statSync(full).size < 2_000_000) {
        const text = fs.readFileSync(full, 'utf8');
        if (!/^kind:\s*Ingress\s*$/m.test(text) || seen.has(text)) continue;
        seen.add(text);
        out.push(full);
      }
    }
  };
  for (const r of roots) walk(r);
  return out;
}

describe('the corpus', () => {
  it('every Ingress converts, validates, and routes like the original', () => {
    let total = 0;
    let converted = 0;
    let equivalent = 0;
    let announced = 0;
    const refused: Record<string, number> = {};
    const wrong: string[] = [];
    let requests = 0;
    for (const file of corpusFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      for (const offset of ingressOffsets(text)) {
        total++;
        const { result, check: c } = check(text, offset);
        if (!result.ok) {
          refused[result.error.replace(/"[^"]*"/g, '"…"')] = (refused[result.error.replace(/"[^"]*"/g, '"…"')] ?? 0) + 1;
          continue;
        }
        converted++;
        requests += c!.compared;
        for (const p of problems(result)) wrong.push(`${path.relative(ROOT, file)} ${result.ingressName}: ${p}`);
        if (c!.unexplained.length) wrong.push(`${path.relative(ROOT, file)} ${result.ingressName}: ${JSON.stringify(c!.unexplained[0])}`);
        else if (Object.keys(c!.announced).length) announced++;
        else equivalent++;
      }
    }
    console.log(
      `migrate equivalence: ${total} Ingresses, ${converted} converted, ${equivalent} equivalent, ${announced} equivalent but for announced changes, ${requests} requests compared; refused: ${JSON.stringify(refused)}`,
    );
    expect(wrong).toEqual([]);
    expect(total).toBeGreaterThan(20);
    expect(converted + Object.values(refused).reduce((a, b) => a + b, 0)).toBe(total);
    // Refusals are only the documented ones: canaries go with their main Ingress, templates are not
    // migrated, nor Ingresses that route nothing or whose hosts the API server would refuse.
    for (const reason of Object.keys(refused)) expect(reason).toMatch(/is a canary|is a template|already migrated|routes nothing|not a valid hostname/);
  });
});
