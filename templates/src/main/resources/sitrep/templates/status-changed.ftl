Status ${from.word()} → ${incident.status.word()}, set by ${mention(by)}.
