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
{{- $sentinel := .Values.externalRedis.sentinel }}
{{- if and .Values.redis.enabled (or .Values.externalRedis.host $sentinel.master) }}
{{- fail "Set either redis.enabled=true or externalRedis.host / externalRedis.sentinel.master, not both: sitrep keeps all its state in one Redis." }}
{{- end }}
{{- if and (not .Values.redis.enabled) (not .Values.externalRedis.host) (not $sentinel.master) }}
{{- fail "sitrep needs a Redis: set redis.enabled=true, externalRedis.host or externalRedis.sentinel.master." }}
{{- end }}
{{- if and .Values.externalRedis.host $sentinel.master }}
{{- fail "Set externalRedis.host or externalRedis.sentinel.master, not both: with Sentinel the sentinels name the primary." }}
{{- end }}
{{- if and $sentinel.master (not $sentinel.nodes) }}
{{- fail "externalRedis.sentinel.master needs externalRedis.sentinel.nodes (host:port of each sentinel)." }}
{{- end }}
{{- if and $sentinel.passwordKey (not .Values.externalRedis.existingPasswordSecret) }}
{{- fail "externalRedis.sentinel.passwordKey names a key of externalRedis.existingPasswordSecret: set that Secret." }}
{{- end }}
{{- end }}

{{/* True (non-empty) when the bot finds its Redis through Sentinel. */}}
{{- define "sitrep.redisSentinel" -}}
{{- if and (not .Values.redis.enabled) .Values.externalRedis.sentinel.master }}true{{ end }}
{{- end }}

{{/* The ports the sentinels listen on (26379 unless a node names another), for the NetworkPolicy. */}}
{{- define "sitrep.sentinelPorts" -}}
{{- $ports := list }}
{{- range .Values.externalRedis.sentinel.nodes }}
{{- $port := regexFind "[0-9]+$" (regexFind ":[0-9]+$" .) | default "26379" }}
{{- $ports = append $ports (int $port) }}
{{- end }}
{{- $ports | uniq | toJson }}
{{- end }}

{{/*
Where the bot finds Redis. Host, port and TLS are separate settings, not spring.data.redis.url: with a
URL, Spring Boot takes the password from the URL alone and ignores spring.data.redis.password.
*/}}
{{- define "sitrep.redisHost" -}}
{{- if .Values.redis.enabled }}
{{- printf "%s-redis" (include "sitrep.fullname" .) }}
{{- else }}
{{- .Values.externalRedis.host }}
{{- end }}
{{- end }}

{{- define "sitrep.redisPort" -}}
{{- ternary 6379 .Values.externalRedis.port .Values.redis.enabled }}
{{- end }}

{{/* The Secret holding the Redis password: the chart's own (generated unless given), or the one named. */}}
{{- define "sitrep.redisSecretName" -}}
{{- if .Values.redis.enabled }}
{{- default (printf "%s-redis" (include "sitrep.fullname" .)) .Values.redis.auth.existingSecret }}
{{- else }}
{{- .Values.externalRedis.existingPasswordSecret }}
{{- end }}
{{- end }}

{{- define "sitrep.redisPasswordKey" -}}
{{- ternary .Values.redis.auth.passwordKey .Values.externalRedis.passwordKey .Values.redis.enabled }}
{{- end }}

{{/* The chart's Redis pods (they share name and instance with the bot, so the component tells them apart). */}}
{{- define "sitrep.redisSelectorLabels" -}}
{{ include "sitrep.selectorLabels" . }}
app.kubernetes.io/component: redis
{{- end }}

{{/* The postmortem folder: a persistent volume or nothing (an emptyDir would lose postmortems on restart). */}}
{{- define "sitrep.postmortemClaimName" -}}
{{- default (printf "%s-postmortems" (include "sitrep.fullname" .)) .Values.postmortem.directory.persistence.existingClaim }}
{{- end }}

{{/* Refuse values that would render but not work. */}}
{{- define "sitrep.validatePostmortem" -}}
{{- $p := .Values.postmortem.directory.persistence }}
{{- if and $p.enabled (not $p.existingClaim) (eq $p.accessMode "ReadWriteOnce" "ReadWriteOncePod") (or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1)) }}
{{- fail "postmortem.directory.persistence.accessMode ReadWriteOnce/ReadWriteOncePod cannot be mounted by several replicas on different nodes: use ReadWriteMany, an existingClaim that allows it, or replicaCount=1." }}
{{- end }}
{{- end }}

{{/* The Secret holding PagerDuty routing keys (one key per service), or "" when there is none. */}}
{{- define "sitrep.pagerdutySecretName" -}}
{{- if .Values.paging.pagerduty.routingKeysSecret -}}
{{- .Values.paging.pagerduty.routingKeysSecret -}}
{{- else if .Values.paging.pagerduty.routingKeys -}}
{{- printf "%s-pagerduty" (include "sitrep.fullname" .) -}}
{{- end -}}
{{- end }}

{{/* The ConfigMap holding services.yaml: the operator's, or the chart's when services are given; empty without. */}}
{{- define "sitrep.servicesConfigMap" -}}
{{- if .Values.servicesConfigMap -}}
{{- .Values.servicesConfigMap -}}
{{- else if .Values.services -}}
{{- include "sitrep.fullname" . }}-services
{{- end -}}
{{- end }}
