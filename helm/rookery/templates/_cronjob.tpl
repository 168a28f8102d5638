{{/*
A periodic one-shot of the rookery CLI as a CronJob. Every run is idempotent (the digest
resumes or publishes nothing; purging deletes what is already gone), so two never overlap
(Forbid) and a missed one is simply the next one's work.
Takes: root (the chart context), component, values (its values block), args.
*/}}
{{- define "rookery.cronJob" -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ include "rookery.fullname" .root }}-{{ .component }}
  labels:
    {{- include "rookery.labels" (dict "root" .root "component" .component) | nindent 4 }}
spec:
  schedule: {{ .values.schedule | quote }}
  timeZone: {{ .values.timeZone | default "UTC" | quote }}
  # Overlapping runs would only race each other over the same work.
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: {{ .values.startingDeadlineSeconds }}
  successfulJobsHistoryLimit: {{ .values.successfulJobsHistoryLimit }}
  failedJobsHistoryLimit: {{ .values.failedJobsHistoryLimit }}
  jobTemplate:
    metadata:
      labels:
        {{- include "rookery.labels" (dict "root" .root "component" .component) | nindent 8 }}
    spec:
      backoffLimit: {{ .values.backoffLimit }}
      activeDeadlineSeconds: {{ .values.activeDeadlineSeconds }}
      ttlSecondsAfterFinished: {{ .values.ttlSecondsAfterFinished }}
      template:
        metadata:
          labels:
            {{- include "rookery.labels" (dict "root" .root "component" .component) | nindent 12 }}
          annotations:
            {{- include "rookery.checksums" .root | nindent 12 }}
        spec:
          restartPolicy: Never
          serviceAccountName: {{ include "rookery.serviceAccountName" .root }}
          automountServiceAccountToken: false
          enableServiceLinks: false
          terminationGracePeriodSeconds: {{ include "rookery.terminationGracePeriodSeconds" .root }}
          securityContext:
            {{- include "rookery.podSecurityContext" .root | nindent 12 }}
          {{- include "rookery.podScheduling" (dict "root" .root "values" .values) | nindent 10 }}
          containers:
            - name: {{ .component }}
              image: {{ include "rookery.image" .root }}
              imagePullPolicy: {{ .root.Values.image.pullPolicy }}
              args: {{ toJson .args }}
              envFrom:
                {{- include "rookery.envFrom" .root | nindent 16 }}
              securityContext:
                {{- include "rookery.containerSecurityContext" .root | nindent 16 }}
              resources:
                {{- toYaml .values.resources | nindent 16 }}
              volumeMounts:
                {{- include "rookery.scratchMounts" .root | nindent 16 }}
                {{- include "rookery.jwtMount" .root | nindent 16 }}
          volumes:
            {{- include "rookery.scratchVolumes" .root | nindent 12 }}
            {{- include "rookery.jwtVolume" .root | nindent 12 }}
{{- end -}}
