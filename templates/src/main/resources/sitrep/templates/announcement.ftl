<#-- Broadcast channel. A private incident is announced without its title or channel. -->
<#if incident.privateIncident>
${incident.id} (${incident.severity}) declared: a private incident. Commander: ${mention(incident.roles["commander"])}.
<#else>
${incident.id} (${incident.severity}) declared: ${incident.title}
Commander: ${mention(incident.roles["commander"])} · follow in ${link(channel)}
</#if>
