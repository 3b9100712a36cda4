// Template snippets rendered through both helm and Kubeward (test/helm/snippets.test.ts). Each
// one runs with the chart test/fixtures/helm/snippets as `.`; they cover the text/template
// language, Go's fmt, Sprig's functions and Helm's own.
export const SNIPPETS: string[] = [
  // ---- text and actions
  'plain text',
  '{{ "string" }}',
  '{{ `raw\\n` }}',
  '{{ 42 }}', '{{ -7 }}', '{{ 0x1F }}', '{{ 0o17 }}', '{{ 0b101 }}', '{{ 1_000 }}', '{{ 3.5 }}', '{{ 1e3 }}', "{{ 'a' }}", '{{ 1e6 }}', '{{ 0.000001 }}',
  '{{ true }} {{ false }}',
  '{{ .Values.str }}', '{{ .Values.num }}', '{{ .Values.float }}', '{{ .Values.big }}', '{{ .Values.small }}', '{{ .Values.neg }}',
  '{{ .Values.yesv }}', '{{ .Values.list }}', '{{ .Values.map }}', '{{ .Values.emptyMap }}', '{{ .Values.emptyList }}', '{{ .Values.mixed }}',
  '{{ .Values.nested.deep.deeper.value }}', '[{{ .Values.missing }}]', '[{{ .Values.nullv }}]', '{{ .Values.nested }}',
  'a {{- " b " -}} c', 'a  {{- "b" }}  c', 'a {{ "b" -}}\n\n  c', '{{- /* comment */ -}} x', 'x{{/* c */}}y', 'x {{- /* c */}} y',
  '{{ $x := 1 }}{{ $x }}', '{{ $x := "a" }}{{ $x = "b" }}{{ $x }}', '{{ $ }}'.replace('{{ $ }}', '{{ $.Values.str }}'),
  '{{ with $x := .Values.str }}{{ $x }}{{ end }}', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}',
  '{{ $x := 1 }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}',
  // ---- if / else
  '{{ if .Values.yesv }}y{{ else }}n{{ end }}', '{{ if .Values.nov }}y{{ else }}n{{ end }}', '{{ if .Values.missing }}y{{ else if .Values.str }}s{{ else }}n{{ end }}',
  '{{ if .Values.empty }}y{{ else }}n{{ end }}', '{{ if .Values.zero }}y{{ else }}n{{ end }}', '{{ if .Values.emptyList }}y{{ else }}n{{ end }}',
  '{{ if .Values.emptyMap }}y{{ else }}n{{ end }}', '{{ if .Values.list }}y{{ end }}', '{{ if 0.0 }}y{{ else }}n{{ end }}', '{{ if "0" }}y{{ end }}',
  '{{ if and .Values.yesv .Values.str }}both{{ end }}', '{{ if or .Values.nov .Values.empty }}y{{ else }}n{{ end }}', '{{ and 1 0 2 }}', '{{ or 0 "" "x" }}', '{{ and 1 2 }}', '{{ or 0 false }}',
  '{{ and .Values.missing .Values.missing.deeper }}', '{{ or .Values.str .Values.missing.deeper }}',
  '{{ not .Values.yesv }}', '{{ not .Values.empty }}', '{{ not .Values.list }}',
  // ---- comparisons
  '{{ eq .Values.str "hello" }}', '{{ eq .Values.str "a" "b" "hello" }}', '{{ ne .Values.str "x" }}', '{{ eq .Values.num 3.0 }}', '{{ eq 1 1 }}',
  '{{ lt 1 2 }}', '{{ le 2 2 }}', '{{ gt "b" "a" }}', '{{ ge 3 4 }}', '{{ lt .Values.float 3.0 }}', '{{ eq .Values.missing "x" }}', '{{ eq .Values.nullv .Values.missing }}',
  '{{ eq (len .Values.list) 3 }}', '{{ eq true .Values.yesv }}',
  // ---- with / range
  '{{ with .Values.image }}{{ .repository }}:{{ .tag }}{{ end }}', '{{ with .Values.missing }}x{{ else }}none{{ end }}',
  '{{ with .Values.missing }}x{{ else with .Values.str }}{{ . }}{{ end }}', '{{ with .Values.empty }}x{{ else }}e{{ end }}',
  '{{ range .Values.list }}[{{ . }}]{{ end }}', '{{ range $i, $e := .Values.list }}{{ $i }}={{ $e }};{{ end }}', '{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}',
  '{{ range .Values.emptyList }}x{{ else }}empty{{ end }}', '{{ range .Values.missing }}x{{ else }}none{{ end }}', '{{ range 3 }}{{ . }}{{ end }}', '{{ range $i := 4 }}{{ $i }}{{ end }}',
  '{{ range .Values.list }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}', '{{ range .Values.list }}{{ if eq . "b" }}{{ continue }}{{ end }}{{ . }}{{ end }}',
  '{{ range $e := .Values.nums }}{{ $e }}{{ end }}', '{{ range .Values.ports }}{{ .name }}:{{ .port }} {{ end }}', '{{ range $k, $v := .Values.dashKey }}{{ $k }} {{ end }}',
  '{{ range $i, $p := .Values.ports }}{{ $i }}{{ $p.name }}{{ $.Values.str }}{{ end }}', '{{ range .Values.mixed }}<{{ . }}>{{ end }}',
  '{{ range $k, $v := .Values.labels }}\n{{ $k }}: {{ $v }}{{ end }}',
  // ---- define / template / block
  '{{ template "t1" "x" }}', '{{ template "t2" .Values }}', '{{ template "t1" }}',
  '{{ block "b1" .Values.str }}B:{{ . }}{{ end }}', '{{ template "t3" .Values }}',
  '{{ include "helper" . }}', '{{ include "helper" . | upper }}', '{{ include "recurse" 3 }}',
  // ---- index / slice / len
  '{{ index .Values.list 1 }}', '{{ index .Values.map "b" }}', '{{ index .Values.dashKey "a-b" }}', '{{ index .Values "str" }}', '{{ index .Values.nested "deep" "deeper" "value" }}',
  '[{{ index .Values.map "zz" }}]', '{{ slice .Values.list 1 }}', '{{ slice .Values.list 1 2 }}', '{{ len .Values.list }}', '{{ len .Values.map }}', '{{ len .Values.str }}', '{{ len .Values.unicode }}', '{{ len "" }}',
  // ---- print / printf / println
  '{{ print "a" "b" }}', '{{ print 1 2 }}', '{{ print "a" 1 2 "b" }}', '{{ print .Values.list }}', '{{ print .Values.nullv }}', '{{ println "a" 1 }}',
  '{{ printf "%s-%d" "a" 5 }}', '{{ printf "%v" .Values.map }}', '{{ printf "%v" .Values.list }}', '{{ printf "%q" .Values.quoteme }}', '{{ printf "%5s|%-5s|" "a" "b" }}',
  '{{ printf "%05d" 42 }}', '{{ printf "%x %X %o %b" 255 255 8 5 }}', '{{ printf "%.2f" 3.14159 }}', '{{ printf "%e" 123456.789 }}', '{{ printf "%g" 0.00001234 }}', '{{ printf "%t" true }}',
  '{{ printf "%T %T %T %T %T" 1 1.5 "s" .Values.list .Values.map }}', '{{ printf "%d" .Values.num }}', '{{ printf "%v" .Values.num }}', '{{ printf "%s" .Values.num }}', '{{ printf "%d %d" 1 }}',
  '{{ printf "%d" 1 2 }}', '{{ printf "%%" }}', '{{ printf "%c" 65 }}', '{{ printf "%q" 65 }}', '{{ printf "%U" 65 }}', '{{ printf "%+d % d" 5 5 }}', '{{ printf "%x" "hi" }}',
  '{{ printf "%v" .Values.float }}', '{{ printf "%.0f" 2.5 }}', '{{ printf "%8.3f|" 3.14159 }}', '{{ printf "%v" .Values.nullv }}', '{{ printf "%s" .Values.list }}', '{{ printf "%+v" .Values.map }}',
  '{{ printf "%v %v" .Values.big .Values.small }}', '{{ printf "%6.2v|" 3.14159 }}', '{{ printf "%#v" .Values.str }}',
  // ---- html / js / urlquery
  '{{ html "<a href=\\"x\\">&</a>" }}', '{{ js "it\'s \\"q\\" <b>" }}', '{{ urlquery "a b&c=d/é" }}', '{{ html 1 2 }}',
  // ---- pipelines
  '{{ .Values.str | upper | quote }}', '{{ "x" | printf "%s-%s" "a" }}', '{{ .Values.list | join "," }}', '{{ (printf "%s" "p") }}', '{{ (.Values.image).tag }}', '{{ (.Values.missing).tag }}',
  '{{ .Values.num | add 1 }}', '{{ $v := .Values.str | upper }}{{ $v }}',
  // ---- strings
  '{{ upper "abc" }}', '{{ lower "ABC" }}', '{{ title "hello world-wide web_x" }}', '{{ untitle "Hello World" }}', '{{ repeat 3 "ab" }}', '{{ substr 1 3 "hello" }}', '{{ substr 2 99 "hello" }}',
  '{{ trim "  x  " }}', '{{ trimAll "$" "$$x$$" }}', '{{ trimPrefix "he" "hello" }}', '{{ trimSuffix "lo" "hello" }}', '{{ nospace "a b  c" }}', '{{ trunc 3 "hello" }}', '{{ trunc -3 "hello" }}',
  '{{ trunc 63 .Values.longText }}', '{{ abbrev 5 "hello world" }}', '{{ abbrevboth 5 10 "1234 5678 9123" }}', '{{ initials "hello world" }}', '{{ wrap 10 "a long line of words here" }}',
  '{{ wrapWith 5 "\\t" "Hello World" }}', '{{ contains "ell" "hello" }}', '{{ hasPrefix "he" "hello" }}', '{{ hasSuffix "lo" "hello" }}', '{{ quote "a" 1 .Values.list }}', '{{ squote "a" }}',
  '{{ quote .Values.quoteme }}', '{{ quote .Values.missing }}', '{{ cat "a" 1 "b" .Values.missing }}', '{{ indent 2 "a\\nb" }}', '{{ nindent 2 "a\\nb" }}', '{{ replace "a" "b" "banana" }}',
  '{{ plural "one" "many" 1 }}', '{{ plural "one" "many" 2 }}', '{{ snakecase "FirstName" }}', '{{ snakecase "HTTPServer" }}', '{{ camelcase "http_server" }}', '{{ kebabcase "FirstName" }}',
  '{{ swapcase "Hello" }}', '{{ toString 5 }}', '{{ toString .Values.float }}', '{{ toString .Values.list }}', '{{ "a,b,c" | splitList "," }}', '{{ split "," "a,b" }}', '{{ (split "," "a,b")._1 }}',
  '{{ splitn "," 2 "a,b,c" }}', '{{ join "-" .Values.nums }}', '{{ join "," .Values.mixed }}', '{{ sortAlpha .Values.list }}', '{{ sortAlpha (list "b" "C" "a") }}', '{{ quote .Values.unicode }}',
  '{{ upper .Values.unicode }}', '{{ printf "%s" .Values.unicode | trunc 4 }}', '{{ "héllo" | substr 0 2 }}',
  // ---- conversions and math
  '{{ atoi "42" }}', '{{ atoi "x" }}', '{{ int "42" }}', '{{ int 3.9 }}', '{{ int .Values.num }}', '{{ int64 "0x10" }}', '{{ int "0755" }}', '{{ float64 "1.5" }}', '{{ float64 3 }}', '{{ toDecimal "0777" }}',
  '{{ add 1 2 3 }}', '{{ add1 5 }}', '{{ sub 5 2 }}', '{{ mul 2 3 4 }}', '{{ div 7 2 }}', '{{ mod 7 3 }}', '{{ max 1 5 3 }}', '{{ min 4 2 8 }}', '{{ biggest 1 2 }}', '{{ add .Values.num .Values.float }}',
  '{{ addf 1.5 2 }}', '{{ subf 5 1.5 }}', '{{ mulf 1.5 2 }}', '{{ divf 1 4 }}', '{{ add1f 1.5 }}', '{{ maxf 1 2.5 }}', '{{ minf 1 2.5 }}', '{{ ceil 1.2 }}', '{{ floor 1.8 }}', '{{ round 3.14159 2 }}',
  '{{ until 3 }}', '{{ untilStep 1 10 3 }}', '{{ seq 3 }}', '{{ seq 2 5 }}', '{{ seq 5 -1 2 }}', '{{ add "3" 4 }}', '{{ mul .Values.big 10 }}', '{{ div .Values.big 3 }}', '{{ .Values.big | int }}',
  '{{ typeOf .Values.num }}', '{{ typeOf (len .Values.list) }}', '{{ printf "%.1f %.2f %.0f %.0f" 0.25 1.005 0.5 1.5 }}', '{{ printf "%.1e" 1.25 }}',
  // ---- defaults and flow
  '{{ default "d" .Values.missing }}', '{{ default "d" .Values.empty }}', '{{ default "d" .Values.str }}', '{{ default 5 .Values.zero }}', '{{ .Values.missing | default "piped" }}',
  '{{ default (list 1) .Values.emptyList }}', '{{ empty .Values.emptyMap }}', '{{ empty .Values.str }}', '{{ coalesce .Values.missing .Values.empty "c" }}', '{{ all 1 "a" true }}', '{{ any 0 "" false }}',
  '{{ ternary "y" "n" true }}', '{{ ternary "y" "n" .Values.nov }}', '{{ compact (list 1 "" 0 "a" nil) }}', '{{ required "need str" .Values.str }}',
  // ---- types
  '{{ kindOf .Values.map }} {{ kindOf .Values.list }} {{ kindOf .Values.str }} {{ kindOf .Values.num }} {{ kindOf .Values.yesv }}', '{{ kindIs "map" .Values.map }}', '{{ typeIs "string" .Values.str }}',
  '{{ typeOf .Values.list }} {{ typeOf .Values.map }} {{ typeOf nil }}', '{{ deepEqual .Values.list (list "a" "b" "c") }}', '{{ typeIsLike "string" "x" }}',
  // ---- encoding
  '{{ b64enc "hello" }}', '{{ b64dec "aGVsbG8=" }}', '{{ b32enc "hi" }}', '{{ b32dec "NBUQ====" }}', '{{ b64enc .Values.unicode }}', '{{ sha1sum "abc" }}', '{{ sha256sum "abc" }}',
  '{{ sha512sum "abc" }}', '{{ adler32sum "abc" }}', '{{ sha256sum .Values.unicode }}', '{{ toJson .Values.map }}', '{{ toJson .Values.quoteme }}', '{{ toJson .Values.mixed }}', '{{ toPrettyJson .Values.image }}',
  '{{ toRawJson .Values.quoteme }}', '{{ toJson .Values.big }}', '{{ toJson .Values.float }}', '{{ toJson (add 1 2) }}', '{{ toJson .Values.nullv }}', '{{ toJson .Values.emptyMap }}',
  '{{ (fromJson "{\\"a\\":1,\\"b\\":[true]}").b }}', '{{ fromJson "{\\"a\\":1}" }}', '{{ fromJsonArray "[1,\\"x\\"]" }}', '{{ (fromJson "not json").Error | empty }}',
  // ---- toYaml / fromYaml (text must match byte for byte)
  '{{ toYaml .Values.map }}', '{{ toYaml .Values.list }}', '{{ toYaml .Values.image }}', '{{ toYaml .Values.ports }}', '{{ toYaml .Values.mixed }}', '{{ toYaml .Values.dashKey }}',
  '{{ toYaml .Values.multiline }}', '{{ toYaml .Values.special }}', '{{ toYaml .Values.quoteme }}', '{{ toYaml .Values.yesStr }}', '{{ toYaml .Values.numStr }}', '{{ toYaml .Values.octStr }}',
  '{{ toYaml .Values.spaces }}', '{{ toYaml .Values.longText }}', '{{ toYaml .Values.tabbed }}', '{{ toYaml .Values.trailing }}', '{{ toYaml .Values.date }}', '{{ toYaml .Values.version }}',
  '{{ toYaml .Values.emptyStr }}', '{{ toYaml .Values.unicode }}', '{{ toYaml .Values.nullv }}', '{{ toYaml .Values.float }}', '{{ toYaml .Values.big }}', '{{ toYaml .Values.small }}',
  '{{ toYaml .Values.emptyMap }}', '{{ toYaml .Values.emptyList }}', '{{ toYaml .Values.nested }}', '{{ toYaml (dict "k" .Values.multiline "l" (list .Values.multiline)) }}',
  '{{ toYaml (dict "a" (list (list 1 2) (list))) }}', '{{ toYaml (dict "long" .Values.longText "in" (list .Values.longText)) }}', '{{ toYaml (list "- x" "# y" "x: y" "@a" "`b" "!c" "*d" "&e" "%f" "?g" ": h" "a #b" "a:b") }}',
  '{{ toYaml (list "true" "False" "ON" "n" "~" "null" "1.5" "1e3" "0x1F" "+1" ".5" "1_000" "12:30" "<<" ".inf" "-") }}', '{{ toYaml (dict "x" " lead" "y" "tr\\n" "z" "two\\n\\n" "w" "\\nlead") }}',
  '{{ toYaml (dict "k" "a\\r\\nb" "e" "é\\u00a0x") }}', '{{ .Values.image | toYaml | nindent 4 }}', '{{ toYaml .Values.labels | indent 2 }}',
  '{{ (fromYaml "a: 1\\nb: [x, y]").b }}', '{{ fromYaml "a: yes" }}', '{{ fromYaml "a: 0755" }}', '{{ fromYamlArray "- 1\\n- b" }}', '{{ (fromYaml "a: 1\\nb").Error | empty }}', '{{ toToml .Values.image }}',
  '{{ toYaml (fromYaml (toYaml .Values.map)) }}',
  // ---- lists
  '{{ list 1 "a" }}', '{{ first .Values.list }}', '{{ last .Values.list }}', '{{ rest .Values.list }}', '{{ initial .Values.list }}', '{{ append .Values.list "d" }}', '{{ prepend .Values.list "z" }}',
  '{{ concat .Values.list .Values.nums }}', '{{ reverse .Values.list }}', '{{ uniq (list 1 2 1 3 2) }}', '{{ without .Values.list "b" }}', '{{ has "b" .Values.list }}', '{{ has "z" .Values.list }}',
  '{{ slice .Values.nums 0 2 }}', '{{ chunk 2 .Values.list }}', '{{ tuple 1 2 }}', '{{ first .Values.emptyList }}', '{{ .Values.list | last }}',
  // ---- dicts
  '{{ dict "a" 1 "b" "two" }}', '{{ dict "odd" }}', '{{ get .Values.map "a" }}', '{{ get .Values.map "zz" }}', '{{ hasKey .Values.map "a" }}', '{{ hasKey .Values.map "zz" }}',
  '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}', '{{ $d := dict "a" 1 "b" 2 }}{{ $_ := unset $d "a" }}{{ $d }}', '{{ keys .Values.map | sortAlpha }}', '{{ values .Values.labels | sortAlpha }}',
  '{{ pick .Values.map "a" "c" }}', '{{ omit .Values.map "a" }}', '{{ pluck "a" .Values.map (dict "a" 9) }}', '{{ merge (dict "a" 1) (dict "a" 2 "b" 3) }}', '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "n" (dict "y" 2)) }}',
  '{{ merge (dict "a" "" "b" 1) (dict "a" "filled") }}', '{{ dig "deep" "deeper" "value" "dflt" .Values.nested }}', '{{ dig "deep" "nope" "dflt" .Values.nested }}', '{{ deepCopy .Values.map }}',
  '{{ $m := deepCopy .Values.map }}{{ $_ := set $m "a" 9 }}{{ .Values.map.a }}',
  // ---- regular expressions (RE2)
  '{{ regexMatch "^h.l+o$" "hello" }}', '{{ regexMatch "[0-9]+" "abc" }}', '{{ regexFind "[0-9]+" "ab12cd34" }}', '{{ regexFindAll "[0-9]" "a1b2c3" -1 }}', '{{ regexFindAll "[0-9]" "a1b2c3" 2 }}',
  '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}', '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}', '{{ regexSplit "z+" "pizza" -1 }}',
  '{{ regexSplit "," "a,b,c" 2 }}', '{{ regexQuoteMeta "1.5+[x]" }}', '{{ regexReplaceAll "(?P<first>\\\\w+) (?P<last>\\\\w+)" "John Smith" "${last}, ${first}" }}', '{{ regexMatch "(?i)HELLO" "hello" }}',
  '{{ regexReplaceAll "\\\\s+" "a  b   c" " " }}', '{{ regexFind "v(\\\\d+)\\\\.(\\\\d+)" .Values.version }}',
  // ---- semver
  '{{ semverCompare ">=1.20.0" "1.25.3" }}', '{{ semverCompare "<1.20" "v1.25.0" }}', '{{ semverCompare "~1.2.3" "1.2.9" }}', '{{ semverCompare "^1.2" "1.9.0" }}', '{{ semverCompare "^0.2.3" "0.3.0" }}',
  '{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}', '{{ semverCompare "1.2.x" "1.2.7" }}', '{{ semverCompare ">1.0 <2.0" "1.5.0" }}', '{{ semverCompare "<1.0 || >=2.0" "2.1.0" }}',
  '{{ semverCompare ">=1.0.0" "1.0.0-rc.1" }}', '{{ semverCompare "1.2 - 1.4" "1.3.5" }}', '{{ (semver "1.2.3-beta.1+b5").Prerelease }}', '{{ (semver "v2.3.4").Major }}', '{{ (semver "1.2.3").Minor }}',
  // ---- paths
  '{{ base "/a/b/c.txt" }}', '{{ dir "/a/b/c.txt" }}', '{{ ext "c.tar.gz" }}', '{{ clean "a//b/../c/." }}', '{{ isAbs "/x" }}',
  // ---- Helm objects
  '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }}',
  '{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.Description }} {{ .Chart.APIVersion }} {{ .Chart.IsRoot }}', '{{ .Chart.Keywords }} {{ .Chart.Annotations }}',
  '{{ .Template.Name }} {{ .Template.BasePath }}', '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.Version }}',
  '{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "policy/v1beta1" }} {{ .Capabilities.APIVersions.Has "v1/Pod" }} {{ .Capabilities.APIVersions.Has "policy/v1beta1/PodSecurityPolicy" }}',
  '{{ if .Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress" }}v1{{ else }}beta{{ end }}', '{{ .Capabilities.HelmVersion.Version }}', '{{ .Values.global.env }}', '{{ index .Values "true" }} {{ .Values.yes }}',
  '{{ .Files.Get "files/a.txt" }}', '{{ .Files.Get "nope" }}', '{{ .Files.GetBytes "files/b.txt" }}', '{{ range .Files.Lines "files/a.txt" }}[{{ . }}]{{ end }}',
  '{{ range $p, $_ := .Files.Glob "files/*.txt" }}{{ $p }} {{ end }}', '{{ range $p, $_ := .Files.Glob "files/**" }}{{ $p }} {{ end }}', '{{ (.Files.Glob "files/*.txt").AsConfig }}', '{{ (.Files.Glob "files/b.txt").AsSecrets }}',
  '{{ len (.Files.Glob "files/**.yaml") }}', '{{ .Files.Get "files/conf/c.yaml" | fromYaml | toJson }}', '{{ lookup "v1" "Secret" "ns" "name" }}', '{{ lookup "v1" "Secret" "ns" "name" | empty }}',
  '{{ tpl .Values.tplStr . }}', '{{ tpl "{{ .x }}" (dict "x" 5 "Template" .Template) }}', '{{ tpl "{{ define \\"inner\\" }}I{{ end }}{{ include \\"inner\\" . }}" . }}', '{{ tpl "{{ .Values.missing }}" . }}',
  '{{ include "helper" . | nindent 2 }}', '{{ include "withValues" . }}', '{{ include "dictArg" (dict "name" "n" "root" .) }}', '{{ $x := include "helper" . }}{{ len $x }}',
  '{{ toYaml .Values.labels | sha256sum }}', '{{ include "helper" . | sha256sum | trunc 8 }}',
];
