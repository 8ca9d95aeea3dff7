<#-- Block Kit of the announcement in the broadcast channel. A private incident is announced without its title or channel. -->
[
<#if incident.privateIncident>
  {"type": "section", "text": {"type": "mrkdwn", "text": ":rotating_light: *${incident.id}* (${incident.severity}) declared: a private incident. Commander: <#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert)</#if>."}}
<#else>
  {"type": "header", "text": {"type": "plain_text", "text": "${plain(incident.id + " · " + incident.severity + " · " + incident.title)}"}},
  {"type": "section", "fields": [
    {"type": "mrkdwn", "text": "*Commander*\n<#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert; take command in the channel)</#if>"},
    {"type": "mrkdwn", "text": "*Follow in*\n${link(channel)}"}
  ]}
</#if>
]
