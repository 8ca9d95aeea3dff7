package dev.sitrep.commands.port;

import java.util.List;

/**
 * A page to send: whose on-call ({@code key.service()}), what to tell them ({@code summary}, at most
 * {@link #LONGEST_SUMMARY} characters, longer text is cut), how urgent, where it comes from
 * ({@code source}, e.g. the incident's channel) and links to follow (the incident channel, a runbook).
 */
public record PageRequest(PageKey key, String summary, PageSeverity severity, String source, List<Link> links) {

    /** PagerDuty's limit for {@code payload.summary}. */
    public static final int LONGEST_SUMMARY = 1024;

    public PageRequest {
        if (key == null || severity == null) {
            throw new IllegalArgumentException("a page needs a key and a severity");
        }
        if (summary == null || summary.isBlank() || source == null || source.isBlank()) {
            throw new IllegalArgumentException("a page needs a summary and a source");
        }
        summary = summary.strip();
        if (summary.length() > LONGEST_SUMMARY) {
            summary = summary.substring(0, LONGEST_SUMMARY - 1) + "…";
        }
        links = List.copyOf(links);
    }

    /** A link shown with the page. */
    public record Link(String href, String text) {
        public Link {
            if (href == null || href.isBlank()) {
                throw new IllegalArgumentException("a link needs an address");
            }
            text = text == null ? "" : text;
        }
    }
}
