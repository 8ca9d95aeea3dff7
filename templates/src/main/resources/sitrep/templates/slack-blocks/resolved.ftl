<#-- Block Kit of the resolution in the incident channel. -->
[
  {"type": "header", "text": {"type": "plain_text", "text": "${plain(incident.id + " resolved · " + incident.title)}"}},
  {"type": "section", "text": {"type": "mrkdwn", "text": ":white_check_mark: Resolved by ${mention(by)}.<#if incident.summary??>\n*Summary*\n${incident.summary}</#if>"}},
  {"type": "section", "fields": [
    {"type": "mrkdwn", "text": "*Time to acknowledge*\n${span(durations.timeToAcknowledge)}"},
    {"type": "mrkdwn", "text": "*Time to mitigate*\n${span(durations.timeToMitigate)}"},
    {"type": "mrkdwn", "text": "*Time to resolve*\n${span(durations.timeToResolve)}"}
  ]}
]
