package dev.sitrep.bot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a start's time goes: the steps {@code /actuator/startup} recorded (the bot started with
 * {@code -Dsitrep.startup-profile=true}, Spring's {@code BufferingApplicationStartup}), each with its
 * own time — its duration less its children's, so a bean that only waits for the beans it needs is
 * not counted twice. The benchmark prints the heaviest few, so a slower start names its cause.
 */
final class StartupProfile {

    /** One step: what it was (a bean's name, a configuration class), and its own time in milliseconds. */
    record Step(String name, double selfMillis) {
    }

    private StartupProfile() {
    }

    /** The {@code limit} steps with the most time of their own, from the startup endpoint's JSON. */
    static List<Step> heaviest(String startupJson, int limit) {
        JsonNode events = JsonMapper.builder().build().readTree(startupJson).path("timeline").path("events");
        Map<Long, Double> own = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (JsonNode event : events) {
            JsonNode step = event.path("startupStep");
            long id = step.path("id").asLong();
            double millis = millis(event.path("duration"));
            own.merge(id, millis, Double::sum);
            if (step.hasNonNull("parentId")) {
                own.merge(step.path("parentId").asLong(), -millis, Double::sum);
            }
            names.put(id, label(step));
        }
        List<Step> steps = new ArrayList<>();
        own.forEach((id, millis) -> {
            if (names.containsKey(id)) {
                steps.add(new Step(names.get(id), millis));
            }
        });
        steps.sort(Comparator.comparingDouble(Step::selfMillis).reversed());
        return steps.subList(0, Math.min(limit, steps.size()));
    }

    /** A duration as the endpoint writes it: ISO-8601 ("PT0.0123S"), or seconds as a number. */
    private static double millis(JsonNode duration) {
        return duration.isNumber() ? duration.asDouble() * 1e3 : Duration.parse(duration.asString()).toNanos() / 1e6;
    }

    /** The step's name and, when it has one, the bean or class it was about. */
    private static String label(JsonNode step) {
        String name = step.path("name").asString();
        for (JsonNode tag : step.path("tags")) {
            String key = tag.path("key").asString();
            if (key.equals("beanName") || key.equals("className") || key.equals("postProcessor")) {
                return name + " " + tag.path("value").asString();
            }
        }
        return name;
    }
}
