<#-- First message in a new incident channel; pinned. -->
${incident.id} · ${incident.severity} · ${incident.title}
Commander: <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert) · press Take command, or type /incident commander @you</#if>
Status: ${incident.status.word()} · updates every ${span(incident.updateEvery)} · first update due ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})
<#if incident.service??>
Service: ${incident.service.displayName}<#if incident.service.runbook??> · runbook: ${incident.service.runbook}</#if>
</#if>
<#list incident.pages as page>
${page.describe()}
</#list>
<#if incident.tasks?has_content>
Checklist (${incident.taskProgress()} done; tick a step with ${taskUsage}):
<#list incident.tasks as task>
${task.number}. <#if task.done>[x]<#else>[ ]</#if> ${task.text}
</#list>
</#if>
<#if incident.alerts?has_content>
Alerts (${incident.alerts?size}):
<#list incident.alerts as alert>
<#if alert.firing()>🔥<#else>✅</#if> ${alert.describe()}
</#list>
</#if>
<#if incident.privateIncident>This incident is private: only invited members see this channel.
</#if>
Post updates with: ${updateUsage}
Hand over command with /incident commander @member · all commands: /incident help
