Action item #${item.number}: ${item.text}<#if item.owner??> · owner ${mention(item.owner)}</#if><#if item.due??> · due ${day(item.due)}</#if>
