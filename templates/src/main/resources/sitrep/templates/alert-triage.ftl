<#-- An alert group for a person to decide on; nothing is declared until someone does. Its buttons
     (Declare incident, Dismiss) come from the button model; the typed command is the way without them. -->
${group.source} alert group for triage: ${title} (would be ${severity})
<#list group.alerts as alert>
<#if alert.firing()>🔥<#else>✅</#if> ${alert.describe()}
</#list>
Declare incident opens ${reserved} with these alerts, you as its commander; Dismiss says it needs none. Or type: ${declareCommand}
