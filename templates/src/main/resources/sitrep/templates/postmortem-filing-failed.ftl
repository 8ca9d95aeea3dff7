${mention(incident.roles["commander"])} filing the ${incident.id} postmortem to ${sink} failed: ${error}. The other places it goes are not affected; run /incident postmortem to try again.
