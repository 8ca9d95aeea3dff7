package dev.sitrep.paging;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * The webhook's JSON body: an operator's JSON with {@code {{name}}} placeholders inside its strings.
 * Each value is written JSON-escaped (without quotes), so no summary can break out of its string; a
 * template that names an unknown placeholder or is not a JSON object is refused when sitrep starts.
 */
final class BodyTemplate {

    static final Set<String> NAMES = Set.of("event", "service", "incident", "dedup_key", "summary", "severity",
            "source", "link");

    static final String DEFAULT = """
            {"event":"{{event}}","service":"{{service}}","incident":"{{incident}}","dedup_key":"{{dedup_key}}",\
            "summary":"{{summary}}","severity":"{{severity}}","source":"{{source}}","link":"{{link}}"}""";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String text;

    BodyTemplate(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                throw new IllegalArgumentException("the webhook body template names {{" + m.group(1)
                        + "}}, which does not exist; it may use " + NAMES.stream().sorted().map(n -> "{{" + n + "}}").toList());
            }
        }
        this.text = text;
        JsonNode sample;
        try {
            sample = JSON.readTree(render(Map.of()));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the webhook body template is not JSON once filled in: "
                    + e.getOriginalMessage());
        }
        if (!sample.isObject()) {
            throw new IllegalArgumentException("the webhook body template must be a JSON object");
        }
    }

    /** Missing values are empty (a resolution knows only the key). */
    String render(Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(escaped(values.getOrDefault(m.group(1), ""))));
    }

    private static String escaped(String value) {
        String quoted = JSON.writeValueAsString(StringNode.valueOf(value));
        return quoted.substring(1, quoted.length() - 1);
    }
}
