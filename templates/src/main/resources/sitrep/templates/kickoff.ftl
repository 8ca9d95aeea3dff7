<#-- First message in a new incident channel; pinned. -->
${incident.id} · ${incident.severity} · ${incident.title}
Commander: ${mention(incident.roles["commander"])}
Status: ${incident.status.word()} · updates every ${span(incident.updateEvery)} · first update due ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})
<#if incident.privateIncident>This incident is private: only invited members see this channel.
</#if>
Post updates with: ${updateUsage}
Hand over command with /incident commander @member · all commands: /incident help
