{{/* Names are capped at 63 characters: the limit of a DNS label, and so of most object names. */}}
{{- define "rookery.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "rookery.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "rookery.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels never include the version: a Deployment's selector is immutable. */}}
{{- define "rookery.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rookery.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "rookery.labels" -}}
{{ include "rookery.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Values.image.tag | default .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: rookery
helm.sh/chart: {{ include "rookery.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "rookery.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "rookery.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "rookery.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "rookery.secretName" -}}
{{- default (printf "%s-env" (include "rookery.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "rookery.jwtSecretName" -}}
{{- default (printf "%s-jwt-keys" (include "rookery.fullname" .)) .Values.jwtKeys.existingSecret -}}
{{- end -}}

{{/* Non-secret environment: the chart's fixed settings first, then the operator's `config`. */}}
{{- define "rookery.configData" -}}
NODE_ENV: "production"
HOST: "0.0.0.0"
PORT: {{ .Values.containerPort | quote }}
DATA_DIR: "/app/data"
JWT_KEYS_DIR: "/etc/rookery/jwt"
SHUTDOWN_TIMEOUT_MS: {{ mul .Values.shutdown.timeoutSeconds 1000 | quote }}
DIGEST_TIME_ZONE: {{ .Values.digest.timeZone | quote }}
{{- range $key, $value := .Values.config }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Pod-level hardening shared by every workload: the image's numeric user, never root. */}}
{{- define "rookery.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "rookery.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The root filesystem is read-only: Node's temp files and DATA_DIR go to emptyDirs. */}}
{{- define "rookery.scratchVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.scratch.tmpSizeLimit }}
- name: data
  emptyDir:
    sizeLimit: {{ .Values.scratch.dataSizeLimit }}
{{- end -}}

{{- define "rookery.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /app/data
{{- end -}}

{{- define "rookery.jwtVolume" -}}
- name: jwt-keys
  secret:
    secretName: {{ include "rookery.jwtSecretName" . }}
    defaultMode: 0440
{{- end -}}

{{- define "rookery.jwtMount" -}}
- name: jwt-keys
  mountPath: /etc/rookery/jwt
  readOnly: true
{{- end -}}

{{/* Config and secrets roll the pods when they change. */}}
{{- define "rookery.checksums" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
checksum/jwt-keys: {{ include (print $.Template.BasePath "/jwt-keys-secret.yaml") . | sha256sum }}
{{- end -}}

{{- define "rookery.envFrom" -}}
- configMapRef:
    name: {{ include "rookery.fullname" . }}
- secretRef:
    name: {{ include "rookery.secretName" . }}
{{- end -}}

{{/* Probes: /health says the process is alive, /ready that its dependencies answer. */}}
{{- define "rookery.probes" -}}
startupProbe:
  httpGet: {path: /health, port: http}
  periodSeconds: 2
  timeoutSeconds: 2
  failureThreshold: {{ .Values.probes.startupFailureThreshold }}
readinessProbe:
  httpGet: {path: /ready, port: http}
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
livenessProbe:
  httpGet: {path: /health, port: http}
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/*
Endpoints stop receiving traffic asynchronously after a pod is marked terminating: the
preStop sleep keeps serving until they have, then SIGTERM starts the app's own drain
(SHUTDOWN_TIMEOUT_MS). The grace period covers both plus the app's 5 s force-exit margin.
*/}}
{{- define "rookery.lifecycle" -}}
lifecycle:
  preStop:
    exec:
      command: ["sleep", "{{ .Values.shutdown.preStopSleepSeconds }}"]
{{- end -}}

{{- define "rookery.terminationGracePeriodSeconds" -}}
{{- add .Values.shutdown.preStopSleepSeconds .Values.shutdown.timeoutSeconds 10 -}}
{{- end -}}

{{- define "rookery.podScheduling" -}}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Egress every workload needs: DNS, then the dependencies the operator lists. */}}
{{- define "rookery.egressRules" -}}
- to:
    - namespaceSelector: {}
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}
{{- with .Values.networkPolicy.egress }}
{{ toYaml . }}
{{- end }}
{{- end -}}
