package dev.sitrep.commands.alert;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher written as Alertmanager writes them ({@code severity="critical"},
 * {@code team!="db"}, {@code service=~"checkout|cart"}, {@code env!~"dev.*"}): a regular expression
 * matches the whole value, and a missing label counts as the empty value, as in Alertmanager.
 */
public record LabelMatcher(String label, Operator operator, String value) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

    /** How the value is compared. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), MATCHES("=~"), NOT_MATCHES("!~");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("no operator " + symbol);
        }
    }

    public LabelMatcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        if (operator == Operator.MATCHES || operator == Operator.NOT_MATCHES) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + value + "' is not a regular expression: " + e.getDescription());
            }
        }
    }

    /** Reads {@code name="value"} (also {@code !=}, {@code =~}, {@code !~}; quotes optional). */
    public static LabelMatcher parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a label matcher; write it as name=\"value\""
                    + " (or !=, =~, !~)");
        }
        return new LabelMatcher(m.group(1), Operator.of(m.group(2)), m.group(3));
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (operator) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case MATCHES -> Pattern.compile(value).matcher(actual).matches();
            case NOT_MATCHES -> !Pattern.compile(value).matcher(actual).matches();
        };
    }

    @Override
    public String toString() {
        return label + operator.symbol + "\"" + value + "\"";
    }
}
