${mention(incident.roles["commander"])} the ${incident.id} update was due ${when(dueAt)} (${relative(dueAt)}). Post one with /incident update …, or push it back with /incident snooze 15m.
