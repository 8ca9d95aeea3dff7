<#-- The structured update; also posted to the broadcast channel for non-private incidents. Its fields come
     from UpdateField, each under its label, the same headings as in postmortem.ftl. -->
Update on ${incident.id} ${incident.title} · ${incident.severity} · ${incident.status.word()} · from ${mention(update.author)}
<#list fieldsOf(update) as field>
${field.label}: ${field.value}
</#list>
Next update ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})
