<#-- Block Kit of a structured update: a header, status and severity as fields, each given field as a
     labelled section (the labels come from UpdateField, as in update-posted.ftl), a context line. -->
[
  {"type": "header", "text": {"type": "plain_text", "text": "${plain("Update on " + incident.id + " · " + incident.title)}"}},
  {"type": "section", "fields": [
    {"type": "mrkdwn", "text": "*Status*\n${incident.status.word()}"},
    {"type": "mrkdwn", "text": "*Severity*\n${incident.severity}"},
    {"type": "mrkdwn", "text": "*From*\n${mention(update.author)}"},
    {"type": "mrkdwn", "text": "*Next update*\n${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)})"}
  ]}<#list fieldsOf(update) as field>,
  {"type": "section", "text": {"type": "mrkdwn", "text": "*${field.label}*\n${field.value}"}}</#list>,
  {"type": "context", "elements": [{"type": "mrkdwn", "text": "Posted ${when(update.at)}"}]}
]
