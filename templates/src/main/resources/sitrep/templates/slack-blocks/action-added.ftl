<#-- Block Kit of a new action item; its Done button comes from the button model. -->
[
  {"type": "section", "text": {"type": "mrkdwn", "text": "*Action item #${item.number}*\n${item.text}"}}<#if item.owner?? || item.due??>,
  {"type": "context", "elements": [{"type": "mrkdwn", "text": "<#if item.owner??>Owner ${mention(item.owner)}</#if><#if item.owner?? && item.due??> · </#if><#if item.due??>due ${day(item.due)}</#if>"}]}</#if>
]
