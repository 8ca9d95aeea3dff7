<#if topic??>
${topic.usage()}
  ${topic.summary()}
<#list topic.arguments() as argument>
    ${argument.usage()} — ${argument.description()}
</#list>
<#else>
sitrep: incident commands
<#list verbs as v>
  ${v.usage()}
      ${v.summary()}
</#list>
</#if>
