${mention(member)} is now ${role}<#if previous??> (was ${mention(previous)})</#if>, set by ${mention(by)}.
