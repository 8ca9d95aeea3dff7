package dev.sitrep.commands.incident;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What became of paging one service's on-call for an incident, latest first: asked (in the outbox),
 * paged (the pager took it, {@code via} which), failed ({@code problem}: the pager's own words) or
 * resolved. Each carried-out page names its outbox key, so recording it twice is recognised.
 */
public record PageLog(String service, State state, @Nullable String via, @Nullable String problem, Instant at,
                      @Nullable String key) {

    public enum State {
        ASKED, PAGED, FAILED, RESOLVED
    }

    public PageLog {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }

    /** For the kick-off and answers: "paged: checkout on-call (PagerDuty)". */
    public String describe() {
        return switch (state) {
            case ASKED -> "paging: " + service + " on-call";
            case PAGED -> "paged: " + service + " on-call" + (via == null ? "" : " (" + via + ")");
            case FAILED -> "page to " + service + " on-call failed: " + problem;
            case RESOLVED -> "page to " + service + " on-call resolved";
        };
    }
}
