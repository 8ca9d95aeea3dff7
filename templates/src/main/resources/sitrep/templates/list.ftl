<#if incidents?has_content>
Open incidents:
<#list incidents as i>
  ${i.id} · ${i.severity} · ${i.status.word()} · <#if i.privateIncident>(private)<#else>${i.title} · <#list i.channels?values as c>${link(c)}<#sep>, </#list></#if> · commander ${mention(i.roles["commander"])}
</#list>
<#else>
No incidents are open.
</#if>
