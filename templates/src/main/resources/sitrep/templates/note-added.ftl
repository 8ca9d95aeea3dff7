Note from ${mention(by)}: ${text}
