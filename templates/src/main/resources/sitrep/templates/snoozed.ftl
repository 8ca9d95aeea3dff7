${mention(by)} snoozed update reminders for ${span(duration)}; next update due ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)}).
