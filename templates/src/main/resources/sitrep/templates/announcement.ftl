<#-- Broadcast channel. A private incident is announced without its title or channel. -->
<#if incident.privateIncident>
${incident.id} (${incident.severity}) declared: a private incident. Commander: <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert)</#if>.
<#else>
${incident.id} (${incident.severity}) declared: ${incident.title}
Commander: <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert; take command there)</#if> · follow in ${link(channel)}
</#if>
