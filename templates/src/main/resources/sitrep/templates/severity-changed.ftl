Severity ${from} → ${incident.severity}, set by ${mention(by)}. Updates now every ${span(incident.updateEvery)}; next due ${when(incident.nextUpdateDue)} (${relative(incident.nextUpdateDue)}).
