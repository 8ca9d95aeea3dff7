<#-- A later notification of the incident's alert group: only what changed. Never resolves by itself. -->
${incident.id}: ${source} reports <#if firing?has_content>${firing?size} alert(s) firing</#if><#if firing?has_content && resolved?has_content>, </#if><#if resolved?has_content>${resolved?size} resolved</#if>.
<#list firing as alert>
🔥 ${alert.describe()}
</#list>
<#list resolved as alert>
✅ ${alert.describe()}
</#list>
<#if allResolved>
All alerts of ${incident.id} resolved — resolve? <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}, if<#else>If</#if> it is over: /incident resolve <summary>
</#if>
