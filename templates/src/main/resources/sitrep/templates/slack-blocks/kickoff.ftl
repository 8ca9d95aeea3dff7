<#-- Block Kit of the kick-off (pinned): a header with id, severity and title; the fields people scan;
     how to post updates; the service with its runbook, pages and checklist; the alerts that declared it; a context line. Its buttons (Post update, Take command, Resolve) are added from
     the button model, not here. Every ${…} is escaped for mrkdwn and JSON; plain(…) for plain_text. -->
[
  {"type": "header", "text": {"type": "plain_text", "text": "${plain(incident.id + " · " + incident.severity + " · " + incident.title)}"}},
  {"type": "section", "fields": [
    {"type": "mrkdwn", "text": "*Status*\n${incident.status.word()}"},
    {"type": "mrkdwn", "text": "*Commander*\n<#if incident.roles["commander"].isPerson()>${mention(incident.roles["commander"])}<#else>nobody yet (declared by an alert): press *Take command*</#if>"},
    {"type": "mrkdwn", "text": "*Updates every*\n${span(incident.updateEvery)}"},
    {"type": "mrkdwn", "text": "*First update due*\n${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})"}
  ]},
<#if incident.service??>
  {"type": "section", "text": {"type": "mrkdwn", "text": "*Service*\n${incident.service.displayName}<#if incident.service.runbook??> · runbook: ${incident.service.runbook}</#if><#list incident.pages as page>\n${page.describe()}</#list>"}},
</#if>
<#if incident.tasks?has_content>
  {"type": "section", "text": {"type": "mrkdwn", "text": "*Checklist (${incident.taskProgress()} done)*<#list incident.tasks as task>\n${task.number}. <#if task.done>:white_check_mark:<#else>:white_large_square:</#if> ${task.text}</#list>\n_tick a step with_ `${taskUsage}`"}},
</#if>
<#if incident.alerts?has_content>
  {"type": "section", "text": {"type": "mrkdwn", "text": "*Alerts (${incident.alerts?size})*<#list incident.alerts as alert>\n<#if alert.firing()>:fire:<#else>:white_check_mark:</#if> ${alert.describe()}</#list>"}},
</#if>
<#if incident.privateIncident>
  {"type": "section", "text": {"type": "mrkdwn", "text": ":lock: This incident is private: only invited members see this channel."}},
</#if>
  {"type": "context", "elements": [
    {"type": "mrkdwn", "text": "Declared ${when(incident.declaredAt)} · post updates with `${updateUsage}` · hand over with `/incident commander @member` · all commands: `/incident help`"}
  ]}
]
