<#if topic??>
${topic.usage()}
  ${topic.summary()}
<#else>
sitrep: incident commands
<#list verbs as v>
  ${v.usage()}
      ${v.summary()}
</#list>
</#if>
