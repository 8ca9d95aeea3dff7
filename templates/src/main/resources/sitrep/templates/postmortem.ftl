<#-- The postmortem skeleton, in Markdown. Everything known is filled in; the rest is headed blanks. -->
# ${incident.id}: ${incident.title}

| Field | Value |
|---|---|
| Severity | ${incident.severity} |
| Status | ${incident.status.word()} |
| Declared | ${utc(incident.declaredAt)} |
| Resolved | <#if incident.resolvedAt??>${utc(incident.resolvedAt)}<#else>not yet</#if> |
| Private | <#if incident.privateIncident>yes<#else>no</#if> |
<#if incident.service??>
| Service | ${incident.service.displayName} (${incident.service.name}) |
<#if incident.service.runbook??>
| Runbook | ${incident.service.runbook} |
</#if>
</#if>
<#list incident.pages as page>
| Page | ${page.describe()} |
</#list>
| Generated | ${utc(generatedAt)} |

## Roles

<#list incident.roleList() as role>
- **${role.key}**: ${mention(role.value)}
</#list>

<#if incident.tasks?has_content>
## Checklist (${incident.taskProgress()} done)

<#list incident.tasks as task>
- <#if task.done>[x]<#else>[ ]</#if> ${task.number}. ${task.text}<#if task.done && task.by??> (${mention(task.by)}, ${utc(task.at)})</#if>
</#list>

</#if>
<#if incident.alerts?has_content>
## Alerts

Durations count from the first alert's start (${utc(incident.startedAt())}).

| Alert | Labels | Summary | Started | State | Runbook | Source |
|---|---|---|---|---|---|---|
<#list incident.alerts as alert>
| ${alert.name()} | ${alert.labelText()} | ${alert.summary()} | ${utc(alert.startsAt)} | <#if alert.firing()>firing<#else>resolved</#if> | <#if alert.runbookUrl()??>${alert.runbookUrl()}<#else>—</#if> | <#if alert.generatorUrl??>${alert.generatorUrl}<#else>—</#if> |
</#list>

</#if>
## Durations

| Measure | Duration |
|---|---|
| Time to acknowledge | ${span(durations.timeToAcknowledge)} |
| Time to mitigate | ${span(durations.timeToMitigate)} |
| Time to resolve | ${span(durations.timeToResolve)} |

## Summary

<#if incident.summary??>${incident.summary}<#else>_To be written._</#if>

## Impact

<#if impact??>${impact}<#else>_To be written._</#if>

## Timeline (UTC)

| Time | Who | What | Detail |
|---|---|---|---|
<#list timeline as entry>
| ${utc(entry.at)} | ${entry.actor.displayName} | ${entry.kind?lower_case} | ${entry.text} |
</#list>

## Status updates

<#list incident.updates as update>
### ${utc(update.at)} by ${mention(update.author)}

<#list fieldsOf(update) as field>
- **${field.label}:** ${field.value}
</#list>

<#else>
_No structured updates were posted._

</#list>
## Action items

<#if incident.actionItems?has_content>
| # | Action | Owner | Due | Done | Tracked in |
|---|---|---|---|---|---|
<#list incident.actionItems as item>
| ${item.number} | ${item.text} | <#if item.owner??>${mention(item.owner)}<#else>unassigned</#if> | <#if item.due??>${day(item.due)}<#else>—</#if> | <#if item.done>yes<#else>no</#if> | <#if item.link??>${item.link}<#else>—</#if> |
</#list>
<#else>
_No action items were recorded._
</#if>

## Contributing factors

_To be written._

## What went well

_To be written._

## What went badly

_To be written._

## Follow-ups

_To be written._
