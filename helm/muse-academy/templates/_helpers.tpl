{{/* Labels every object of the chart carries: (dict "name" "mongodb" "root" $) */}}
{{- define "muse.labels" -}}
{{ include "muse.selector" . }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one component: (dict "name" "mongodb") */}}
{{- define "muse.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: muse-academy
{{- end -}}

{{/* The services with a chart of their own, each with a database and a broker user of its name. */}}
{{- define "muse.services" -}}
gateway scheduling rooms signaling recordings vod
{{- end -}}

{{/* MongoDB's members as host:port, comma-separated. */}}
{{- define "muse.mongodbHosts" -}}
{{- $hosts := list -}}
{{- range $i := until (int .Values.mongodb.replicas) -}}
{{- $hosts = append $hosts (printf "mongodb-%d.mongodb:27017" $i) -}}
{{- end -}}
{{- join "," $hosts -}}
{{- end -}}

{{/* Options every connection string carries (the replica set, when there is one). */}}
{{- define "muse.mongodbOptions" -}}
{{- if gt (int .Values.mongodb.replicas) 1 -}}
&replicaSet={{ .Values.mongodb.replicaSetName }}
{{- end -}}
{{- end -}}

{{/* The backup tool's image: mongodb.backup.image, else the one `make images` pushes, tagged with the appVersion. */}}
{{- define "muse.backupImage" -}}
{{- .Values.mongodb.backup.image | default (printf "localhost:5000/muse-academy/backup:%s" .Chart.AppVersion) -}}
{{- end -}}

{{/*
The backup tool's connection, the same for the CronJob and the restore Job of docs/home-cluster.md: the members from
the ConfigMap mongodb-backup, the administrator from the Secret in variables of its own (no URL-encoding needed).
*/}}
{{- define "muse.backupEnv" -}}
- name: MONGODB_URI
  valueFrom:
    configMapKeyRef: { name: mongodb-backup, key: MONGODB_URI }
- name: MONGODB_USERNAME
  valueFrom:
    secretKeyRef: { name: mongodb-credentials, key: root-username }
- name: MONGODB_PASSWORD
  valueFrom:
    secretKeyRef: { name: mongodb-credentials, key: root-password }
{{- end -}}

{{/*
Pod-level hardening shared by every workload of the chart: (dict "uid" 999 "root" $).
The same uid is the group that owns mounted Secret files, so 0440 Secrets are readable.
*/}}
{{- define "muse.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level hardening: nothing added back unless a caller says so (list "NET_BIND_SERVICE"). */}}
{{- define "muse.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
  {{- with . }}
  add: {{ toJson . }}
  {{- end }}
{{- end -}}

{{/* Where a workload of ours may run: the arch our images are built for, plus the component's own selector. */}}
{{- define "muse.nodeSelector" -}}
{{- $selector := merge (deepCopy (.own | default dict)) .root.Values.nodeSelector -}}
{{- with $selector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* A ServiceAccount that mounts no API token: none of these pods talks to the Kubernetes API. */}}
{{- define "muse.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ .name }}
  labels:
    {{- include "muse.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{/* A value of a Secret of the running release (empty when absent): (dict "root" $ "secret" name "key" key) */}}
{{- define "muse.existing" -}}
{{- $existing := include "muse.lookup" (dict "root" .root "kind" "Secret" "name" .secret) | fromJson -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- end -}}
{{- end -}}

{{/* That value when it exists, else the newly generated one given as "generate". */}}
{{- define "muse.kept" -}}
{{- include "muse.existing" . | default .generate -}}
{{- end -}}

{{/* The replica set's members, as the JavaScript objects rs.initiate takes. */}}
{{- define "muse.mongodbMembers" -}}
{{- range $i := until (int .Values.mongodb.replicas) }}{{ if $i }}, {{ end }}{ _id: {{ $i }}, host: "mongodb-{{ $i }}.mongodb:27017" }{{- end }}
{{- end -}}

{{/* An object of the running release as JSON ({} when absent, or when secrets.lookupExisting is off). */}}
{{- define "muse.lookup" -}}
{{- if .root.Values.secrets.lookupExisting -}}
{{- lookup "v1" .kind .root.Release.Namespace .name | toJson -}}
{{- else -}}
{}
{{- end -}}
{{- end -}}
