The ${incident.id} postmortem was marked done by ${mention(by)}. Thank you.
