{{/* Chart name, cut to Kubernetes' 63 characters. */}}
{{- define "sitrep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart unless overridden. */}}
{{- define "sitrep.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "sitrep.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "sitrep.labels" -}}
helm.sh/chart: {{ include "sitrep.chart" . }}
{{ include "sitrep.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "sitrep.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sitrep.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The bot's pods only: the chart's Redis shares name and instance, so selectors must add the component. */}}
{{- define "sitrep.botSelectorLabels" -}}
{{ include "sitrep.selectorLabels" . }}
app.kubernetes.io/component: bot
{{- end }}

{{- define "sitrep.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "sitrep.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the platform credentials. */}}
{{- define "sitrep.secretName" -}}
{{- default (printf "%s-credentials" (include "sitrep.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/* Exactly one Redis: the chart's or an external one. */}}
{{- define "sitrep.validateRedis" -}}
{{- if and .Values.redis.enabled .Values.externalRedis.host }}
{{- fail "Set either redis.enabled=true or externalRedis.host, not both: sitrep keeps all its state in one Redis." }}
{{- end }}
{{- if and (not .Values.redis.enabled) (not .Values.externalRedis.host) }}
{{- fail "sitrep needs a Redis: set redis.enabled=true or externalRedis.host." }}
{{- end }}
{{- end }}

{{- define "sitrep.redisUrl" -}}
{{- if .Values.redis.enabled }}
{{- printf "redis://%s-redis:6379" (include "sitrep.fullname" .) }}
{{- else }}
{{- printf "%s://%s:%v" (ternary "rediss" "redis" .Values.externalRedis.tls) .Values.externalRedis.host .Values.externalRedis.port }}
{{- end }}
{{- end }}
