${mention(incident.roles["commander"])} the ${incident.id} postmortem was due ${when(dueAt)} (${relative(dueAt)}) and is not marked done. Finish it, then run /incident postmortem done.
<#if overdueActions?has_content>
Overdue action items:
<#list overdueActions as item>
  #${item.number} ${item.text}<#if item.owner??> · owner ${mention(item.owner)}</#if> · due ${day(item.due)}
</#list>
</#if>
