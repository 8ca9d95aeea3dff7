package dev.sitrep.commands.port;

/**
 * Pages a service's on-call (PagerDuty, a webhook to another tool). Every call carries the page's
 * {@link PageKey}, derived from the incident, so a retry or a second replica paging the same incident
 * reaches the same alert instead of opening another. Failures are {@link PagingFailure}s, worded for
 * the commander.
 */
public interface Pager {

    /** Opens the page, or adds to the one already open under the same key. */
    PageResult trigger(PageRequest page);

    /** Someone is on it: the pager stops notifying. A page that is not open is left as it is. */
    void acknowledge(PageKey key);

    /** The incident is over: the page is closed. A page that is not open is left as it is. */
    void resolve(PageKey key);
}
