<#-- Block Kit of an escalation in the incident channel; same buttons as the reminder. -->
[
  {"type": "header", "text": {"type": "plain_text", "text": "${plain("Escalation: " + incident.id + " · " + incident.title)}"}},
  {"type": "section", "text": {"type": "mrkdwn", "text": ":rotating_light: ${incident.id} has missed *${missed}* update cadences (first due ${when(dueAt)}, ${relative(dueAt)}). <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>Nobody commands ${incident.id} yet (take command):</#if> post an update now, or hand over command. Stakeholders have been told."}},
  {"type": "context", "elements": [{"type": "mrkdwn", "text": "${incident.severity} · ${incident.status.word()} · updates every ${span(incident.updateEvery)}"}]}
]
