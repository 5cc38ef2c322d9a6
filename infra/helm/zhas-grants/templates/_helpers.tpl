{{/* The release's name, the prefix of every resource. */}}
{{- define "zhas.fullname" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* The four services (the portal is the fifth process; it holds no business data). */}}
{{- define "zhas.services" -}}
competitions applications tracking reporting
{{- end -}}

{{/* Labels of one process: include "zhas.labels" (dict "root" $ "process" "applications") */}}
{{- define "zhas.labels" -}}
{{ include "zhas.selectorLabels" . }}
app.kubernetes.io/part-of: zhas-grants
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "zhas.selectorLabels" -}}
app.kubernetes.io/name: zhas-grants
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .process }}
{{- end -}}

{{- define "zhas.image" -}}
{{ printf "%s-%s:%s" .root.Values.image.repository .process (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end -}}

{{- define "zhas.secretName" -}}
{{ printf "%s-%s-secrets" (include "zhas.fullname" .root) .process }}
{{- end -}}

{{/* Where the portal finds a service inside the cluster. */}}
{{- define "zhas.serviceUrl" -}}
{{ printf "http://%s-%s:%v" (include "zhas.fullname" .root) .process (index .root.Values.processes .process).port }}
{{- end -}}

{{/* The environment of one process's container: its ConfigMap and its Secret. */}}
{{- define "zhas.envFrom" -}}
- configMapRef:
    name: {{ include "zhas.fullname" .root }}-{{ .process }}
- secretRef:
    name: {{ include "zhas.secretName" . }}
{{- end -}}
