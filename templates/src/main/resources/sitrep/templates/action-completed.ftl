Action item #${item.number} done: ${item.text} (${mention(by)})
<#list problems as problem>
Note: ${problem}.
</#list>
