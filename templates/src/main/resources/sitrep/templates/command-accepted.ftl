${text}<#if channel??> Head to ${link(channel)}.</#if>
