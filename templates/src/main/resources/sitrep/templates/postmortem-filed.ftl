Postmortem skeleton for ${postmortem.incident.id}:
<#list documents as document>
  ${document.sink}: ${document.url}
</#list>
