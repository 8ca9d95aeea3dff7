${incident.id} resolved by ${mention(by)}.<#if incident.summary??> Summary: ${incident.summary}</#if>
Time to acknowledge ${span(durations.timeToAcknowledge)} · to mitigate ${span(durations.timeToMitigate)} · to resolve ${span(durations.timeToResolve)}
