package dev.sitrep.commands.port;

/** A page the pager took: which one, through what ({@code "PagerDuty"}, {@code "webhook"}). */
public record PageResult(PageKey key, String via) {

    /** For the timeline and the kick-off: "paged: checkout on-call (PagerDuty)". */
    public String describe() {
        return "paged: " + key.service() + " on-call (" + via + ")";
    }
}
