package dev.sitrep.postmortem;

import dev.sitrep.commands.incident.TimelineEntry;
import dev.sitrep.commands.message.Postmortem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Blanks out secrets people paste into incident channels (tokens, keys, passwords) before a
 * postmortem leaves the chat platform. The defaults cover the common token shapes; operators add theirs.
 */
public final class Redactor {

    public static final String REPLACEMENT = "[REDACTED]";

    /** Token shapes of Slack, GitHub, AWS, Google, Stripe, JWTs, PEM keys, and "password: x"-style pairs. */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            "xox[abposr]-[A-Za-z0-9-]{10,}",
            "xapp-[A-Za-z0-9-]{10,}",
            "gh[pousr]_[A-Za-z0-9]{30,}",
            "github_pat_[A-Za-z0-9_]{30,}",
            "AKIA[0-9A-Z]{16}",
            "AIza[0-9A-Za-z_-]{35}",
            "sk_live_[0-9A-Za-z]{16,}",
            "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}",
            "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----",
            "(?i)(?<=\\b(?:password|passwd|pwd|secret|token|api[_-]?key)\\s{0,3}[:=]\\s{0,3})[^\\s|,;]+",
            "(?i)(?<=\\bBearer\\s)[A-Za-z0-9._~+/=-]{8,}");

    private final List<Pattern> patterns;

    public Redactor(List<String> patterns) {
        List<Pattern> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            try {
                compiled.add(Pattern.compile(pattern));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("sitrep.postmortem.redact has an invalid pattern '" + pattern + "': "
                        + e.getDescription(), e);
            }
        }
        this.patterns = List.copyOf(compiled);
    }

    public static Redactor defaults() {
        return new Redactor(DEFAULT_PATTERNS);
    }

    /**
     * The postmortem with secrets blanked in every piece of user text. Redacting before rendering
     * matters: once rendered, escaping (ghp\_…) would hide a token from the patterns.
     */
    public Postmortem redact(Postmortem postmortem) {
        return new Postmortem(postmortem.incident().mapText(this::redact),
                postmortem.timeline().stream().map(e -> new TimelineEntry(e.at(), e.actor(), e.kind(), redact(e.text())))
                        .toList(),
                postmortem.durations(), postmortem.generatedAt());
    }

    public String redact(String text) {
        String result = text;
        for (Pattern pattern : patterns) {
            result = pattern.matcher(result).replaceAll(REPLACEMENT);
        }
        return result;
    }
}
