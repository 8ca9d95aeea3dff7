<#-- The structured update; also posted to the broadcast channel for non-private incidents. -->
Update on ${incident.id} ${incident.title} · ${incident.severity} · ${incident.status.word()} · from ${mention(update.author)}
<#if update.confirmed??>
Confirmed: ${update.confirmed}
</#if>
<#if update.suspected??>
Suspected: ${update.suspected}
</#if>
<#if update.verifying??>
Verifying: ${update.verifying}
</#if>
<#if update.actions??>
Do now: ${update.actions}
</#if>
<#if update.risk??>
Risk: ${update.risk}
</#if>
<#if update.impact??>
Impact: ${update.impact}
</#if>
Next update ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})
