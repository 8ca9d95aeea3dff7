<#-- Members and channels of another platform than the reader's come out as plain names; "on …" says where each incident lives. -->
<#if incidents?has_content>
Open incidents:
<#list incidents as i>
  ${i.id} · ${i.severity} · ${i.status.word()} · <#if i.privateIncident>(private<#list i.channels?keys as p>, on ${p?cap_first}</#list>)<#else>${i.title} · <#list i.channels?values as c>${link(c)} on ${c.platform?cap_first}<#sep>, </#list></#if> · commander ${mention(i.roles["commander"])}
</#list>
<#else>
No incidents are open.
</#if>
