{{/* Labels every object of the chart carries: (dict "name" "mongodb" "root" $) */}}
{{- define "muse.labels" -}}
{{ include "muse.selector" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version }}
{{- end -}}

{{/* Selector labels of one component: (dict "name" "mongodb" "root" $) */}}
{{- define "muse.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: muse-academy
{{- end -}}

{{/* The MongoDB connection string the services use (each has its own database). */}}
{{- define "muse.mongodbUri" -}}
{{- if gt (int .Values.mongodb.replicas) 1 -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.mongodb.replicas) -}}
{{- $hosts = append $hosts (printf "mongodb-%d.mongodb:27017" $i) -}}
{{- end -}}
mongodb://{{ join "," $hosts }}/?replicaSet={{ .Values.mongodb.replicaSetName }}
{{- else -}}
mongodb://mongodb-0.mongodb:27017
{{- end -}}
{{- end -}}

{{/* A secret value: the one given in values, else a random one (generated once, at install). */}}
{{- define "muse.secretValue" -}}
{{- if . -}}
{{- . | b64enc -}}
{{- else -}}
{{- randAlphaNum 40 | b64enc -}}
{{- end -}}
{{- end -}}
