<#-- An alert group for a person to decide on; nothing is declared until someone does. -->
${group.source} alert group for triage: ${title} (would be ${severity})
<#list group.alerts as alert>
<#if alert.firing()>🔥<#else>✅</#if> ${alert.describe()}
</#list>
To declare an incident: ${declareCommand}
