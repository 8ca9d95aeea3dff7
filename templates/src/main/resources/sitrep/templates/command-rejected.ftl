<#-- The private answer to anything that could not be done: what was wrong, then how to do it right. -->
${problem}
<#-- A right command a platform or the store failed gets no usage: it would read as a typing mistake. -->
<#if failed>
<#elseif verb??>
Usage: ${verb.usage()}
<#else>
Type /incident help for the list of commands.
</#if>
<#if openIncidents??>
<#if openIncidents?has_content>
Open incidents:
<#list openIncidents as i>
  ${i.id} · ${i.severity} · <#if i.privateIncident>(private)<#else>${i.title} in <#list i.channels?values as c>${link(c)} on ${c.platform?cap_first}<#sep>, </#list></#if>
</#list>
<#else>
No incidents are open.
</#if>
</#if>
