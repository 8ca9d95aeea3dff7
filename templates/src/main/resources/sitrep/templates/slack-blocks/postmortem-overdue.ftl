<#-- Block Kit of the postmortem follow-up; its Mark postmortem done button comes from the button model. -->
[
  {"type": "section", "text": {"type": "mrkdwn", "text": ":memo: ${mention(incident.roles["commander"])} the *${incident.id}* postmortem was due ${when(dueAt)} (${relative(dueAt)}) and is not marked done."}}<#if overdueActions?has_content>,
  {"type": "section", "text": {"type": "mrkdwn", "text": "*Overdue action items*<#list overdueActions as item>\n• #${item.number} ${item.text}<#if item.owner??> · owner ${mention(item.owner)}</#if> · due ${day(item.due)}</#list>"}}</#if>
]
