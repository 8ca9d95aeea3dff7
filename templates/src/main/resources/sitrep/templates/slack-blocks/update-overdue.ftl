<#-- Block Kit of the first reminder; its buttons (Post update, Snooze 15m, Take command) come from the button model. -->
[
  {"type": "section", "text": {"type": "mrkdwn", "text": ":alarm_clock: <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>Nobody commands ${incident.id} yet (take command):</#if> the *${incident.id}* update was due ${when(dueAt)} (${relative(dueAt)})<#if (missed > 1)>; ${missed} update cadences have been missed since</#if>."}},
  {"type": "context", "elements": [{"type": "mrkdwn", "text": "${incident.id} · ${incident.severity} · ${incident.title} · updates every ${span(incident.updateEvery)}"}]}
]
