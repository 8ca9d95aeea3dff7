<#-- Channel topic: severity · status · commander. Kept short; platforms cut long topics. -->
${incident.severity} · ${incident.status.word()} · commander ${mention(incident.roles["commander"])}
