<#-- Channel topic: severity · status · commander. Kept short; platforms cut long topics. -->
${incident.severity} · ${incident.status.word()} · commander ${mention(incident.roles["commander"])}<#if incident.service??> · ${incident.service.name}</#if><#if incident.tasks?has_content> · checklist ${incident.taskProgress()}</#if>
