Postmortem skeleton for ${postmortem.incident.id} filed: ${location}
