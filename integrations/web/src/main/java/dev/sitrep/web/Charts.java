package dev.sitrep.web;

/** The chart library the metrics page draws with, served from its WebJar under {@code /webjars/uplot/<version>/}. */
final class Charts {

    /** Must be the version of {@code org.webjars.npm:uplot} in this module's pom ({@code MetricsAndStatusPageTest} loads it from that path). */
    static final String UPLOT = "1.6.30";

    private Charts() {
    }
}
