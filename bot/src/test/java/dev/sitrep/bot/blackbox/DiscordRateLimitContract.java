package dev.sitrep.bot.blackbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A reusable black-box check of a Discord REST stand-in's rate limits, written from
 * https://discord.com/developers/docs/topics/rate-limits only. Given the stand-in's API base
 * ({@code http://127.0.0.1:PORT/api/v10/}), a bot token it accepts and one route, it calls the
 * route one request after another until the bucket is exhausted and checks what Discord documents:
 *
 * <ul>
 *   <li>Header format (#header-format): every answer carries {@code X-RateLimit-Limit} ("The number
 *       of requests that can be made"), {@code X-RateLimit-Remaining} ("The number of remaining
 *       requests that can be made"), {@code X-RateLimit-Reset} ("Epoch time (seconds since 00:00:00
 *       UTC on January 1, 1970) at which the rate limit resets"), {@code X-RateLimit-Reset-After}
 *       ("Total time (in seconds) of when the current rate limit bucket will reset. Can have
 *       decimals to match previous millisecond ratelimit precision") and {@code X-RateLimit-Bucket}
 *       ("A unique string denoting the rate limit being encountered").</li>
 *   <li>Remaining goes down by one per request within one bucket and reset window, and the request
 *       after Remaining reached 0 is refused with 429 ("If you exceed a rate limit, you will
 *       receive a HTTP 429 response").</li>
 *   <li>The 429 (#exceeding-a-rate-limit, "Rate Limit Response Structure"): a JSON body with
 *       {@code message} (string, "A message saying you are being rate limited"), {@code retry_after}
 *       (float, "The number of seconds to wait before submitting another request") and
 *       {@code global} (boolean, "A value indicating if you are being globally rate limited or
 *       not"); the {@code Retry-After} header and the X-RateLimit-* headers; {@code X-RateLimit-Scope}
 *       ("Returned only on HTTP 429 responses. Value can be user (per bot or user limit), global (per
 *       bot or user global limit), or shared (per resource limit)") and, for the global limit,
 *       {@code X-RateLimit-Global} ("Returned only on HTTP 429 responses if the rate limit
 *       encountered is the global rate limit (not per-route)").</li>
 *   <li>After waiting {@code retry_after} the route answers again without 429.</li>
 * </ul>
 *
 * Every violation is collected; {@link #check} fails with all of them at once, so one run of a
 * stand-in shows everything it is missing.
 */
public final class DiscordRateLimitContract {

    /** One route to exhaust, e.g. {@code POST channels/123/messages {"content":"x"}}: its bucket is the one checked. */
    public record Route(String method, String path, String jsonBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One answer as the check saw it. */
    public record Answer(int status, String body, java.net.http.HttpHeaders headers, long atMillis) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String line() {
            return status + " Limit=" + header("X-RateLimit-Limit").orElse("-") + " Remaining="
                    + header("X-RateLimit-Remaining").orElse("-") + " Reset-After="
                    + header("X-RateLimit-Reset-After").orElse("-") + " Bucket=" + header("X-RateLimit-Bucket").orElse("-")
                    + (status == 429 ? " Retry-After=" + header("Retry-After").orElse("-") + " Scope="
                    + header("X-RateLimit-Scope").orElse("-") + " body=" + body : "");
        }
    }

    /** More requests than any documented per-route bucket allows in one window, and more than the global 50 a second. */
    static final int MAX_CALLS = 60;
    private static final Set<String> SCOPES = Set.of("user", "global", "shared");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String apiBase;
    private final String botToken;

    /** {@code apiBase} like {@code http://127.0.0.1:PORT/api/v10/}; requests carry {@code Authorization: Bot <botToken>}. */
    public DiscordRateLimitContract(String apiBase, String botToken) {
        this.apiBase = apiBase.endsWith("/") ? apiBase : apiBase + "/";
        this.botToken = botToken;
    }

    /** Runs every check on {@code route}; fails with the list of what the stand-in does not do as Discord documents. */
    public List<Answer> check(Route route) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        List<Answer> answers = exhaust(route);
        Answer limited = answers.get(answers.size() - 1);
        List<Answer> before = answers.subList(0, limited.status() == 429 ? answers.size() - 1 : answers.size());
        checkHeadersOfEveryAnswer(before, problems);
        checkRemainingCountsDown(before, limited, problems);
        if (limited.status() != 429) {
            problems.add("no 429 after " + answers.size() + " requests one after another on " + route
                    + ": the bucket is never exhausted (\"If you exceed a rate limit, you will receive a HTTP 429 response\")");
        } else {
            double retryAfter = check429(limited, before, problems);
            if (retryAfter > 0 && retryAfter < 30) {
                checkRecovers(route, limited, retryAfter, problems);
            }
        }
        problems = compact(problems, answers.size());
        if (!problems.isEmpty()) {
            StringBuilder m = new StringBuilder("Discord stand-in at " + apiBase + " does not hold to "
                    + "https://discord.com/developers/docs/topics/rate-limits on " + route + ":");
            problems.forEach(p -> m.append("\n  - ").append(p));
            m.append("\nanswers, in order:");
            answers.forEach(a -> m.append("\n    ").append(a.line()));
            throw new AssertionError(m.toString());
        }
        return answers;
    }

    private static final java.util.regex.Pattern PER_ANSWER = java.util.regex.Pattern.compile("^answer (\\d+) \\((\\d+)\\): (.*)$");

    /** "answer 3 (200): no X-RateLimit-Limit header" for answers 1..60 becomes one line naming how many. */
    private static List<String> compact(List<String> problems, int total) {
        java.util.Map<String, List<Integer>> same = new java.util.LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            java.util.regex.Matcher m = PER_ANSWER.matcher(p);
            if (m.matches()) {
                same.computeIfAbsent(m.group(3), k -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
            } else {
                out.add(p);
            }
        }
        same.forEach((what, which) -> out.add(0, (which.size() == 1 ? "answer " + which.get(0)
                : which.size() + " of " + total + " answers (" + which.get(0) + ".." + which.get(which.size() - 1) + ")")
                + ": " + what));
        return out;
    }

    /** Calls {@code route} one request after another until a 429 or {@link #MAX_CALLS}. */
    public List<Answer> exhaust(Route route) throws IOException, InterruptedException {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < MAX_CALLS; i++) {
            Answer a = send(route);
            answers.add(a);
            if (a.status() == 429) {
                break;
            }
            if (a.status() >= 400) {
                throw new AssertionError("the probe route " + route + " itself is refused (" + a.status() + " " + a.body()
                        + "): choose a route the stand-in accepts");
            }
        }
        return answers;
    }

    private Answer send(Route route) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiBase + route.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bot " + botToken)
                // https://discord.com/developers/docs/reference#user-agent
                .header("User-Agent", "DiscordBot (https://github.com/sitrep, 1.0) rate-limit-contract");
        if (route.jsonBody() != null) {
            b.header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(route.jsonBody(), StandardCharsets.UTF_8));
        } else {
            b.method(route.method(), HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r.headers(), System.currentTimeMillis());
    }

    // https://discord.com/developers/docs/topics/rate-limits#header-format
    private static void checkHeadersOfEveryAnswer(List<Answer> answers, List<String> problems) {
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            String which = "answer " + (i + 1) + " (" + a.status() + ")";
            Optional<Long> limit = integer(a, "X-RateLimit-Limit", which, problems);
            Optional<Long> remaining = integer(a, "X-RateLimit-Remaining", which, problems);
            if (limit.isPresent() && limit.get() <= 0) {
                problems.add(which + ": X-RateLimit-Limit " + limit.get() + " is not a number of requests that can be made");
            }
            if (limit.isPresent() && remaining.isPresent() && (remaining.get() < 0 || remaining.get() >= limit.get())) {
                problems.add(which + ": X-RateLimit-Remaining " + remaining.get() + " after a request is not within 0.."
                        + (limit.get() - 1) + " of X-RateLimit-Limit " + limit.get());
            }
            epochReset(a, which, problems);
            decimal(a, "X-RateLimit-Reset-After", which, problems).filter(d -> d < 0)
                    .ifPresent(d -> problems.add(which + ": X-RateLimit-Reset-After " + d + " is negative"));
            if (a.header("X-RateLimit-Bucket").filter(s -> !s.isBlank()).isEmpty()) {
                problems.add(which + ": no X-RateLimit-Bucket (\"A unique string denoting the rate limit being encountered\")");
            }
        }
    }

    /**
     * Within one bucket and window each request uses one: Remaining of request n+1 is Remaining of
     * request n minus one, unless the bucket reset in between (then it starts again at Limit - 1).
     */
    private static void checkRemainingCountsDown(List<Answer> answers, Answer last, List<String> problems) {
        for (int i = 1; i < answers.size(); i++) {
            Answer prev = answers.get(i - 1), cur = answers.get(i);
            Optional<Long> p = longOf(prev, "X-RateLimit-Remaining"), c = longOf(cur, "X-RateLimit-Remaining");
            Optional<Long> limit = longOf(cur, "X-RateLimit-Limit");
            if (p.isEmpty() || c.isEmpty() || !prev.header("X-RateLimit-Bucket").equals(cur.header("X-RateLimit-Bucket"))) {
                continue;
            }
            boolean resetBetween = resetAtMillis(prev).map(r -> cur.atMillis() >= r).orElse(false);
            boolean ok = c.get() == p.get() - 1 || (resetBetween && limit.isPresent() && c.get() == limit.get() - 1);
            if (!ok) {
                problems.add("answer " + (i + 1) + ": X-RateLimit-Remaining went " + p.get() + " -> " + c.get()
                        + " within bucket " + cur.header("X-RateLimit-Bucket").orElse("?")
                        + " (one request uses one of the bucket's remaining requests)");
                break; // one is enough: the rest would repeat it
            }
        }
        if (!answers.isEmpty() && last.status() != 429) {
            return;
        }
        if (!answers.isEmpty()) {
            Answer prev = answers.get(answers.size() - 1);
            Optional<Long> p = longOf(prev, "X-RateLimit-Remaining");
            boolean resetBetween = resetAtMillis(prev).map(r -> last.atMillis() >= r).orElse(false);
            if (p.isPresent() && p.get() > 0 && !resetBetween && !"true".equalsIgnoreCase(last.header("X-RateLimit-Global").orElse(""))) {
                problems.add("429 although the previous answer said X-RateLimit-Remaining " + p.get()
                        + " in the same window and the limit is not the global one");
            }
        }
    }

    // https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
    private static double check429(Answer a, List<Answer> before, List<String> problems) {
        String which = "the 429";
        double retryAfter = -1;
        JsonObject body = null;
        try {
            JsonElement e = JsonParser.parseString(a.body() == null ? "" : a.body());
            if (e.isJsonObject()) {
                body = e.getAsJsonObject();
            }
        } catch (RuntimeException ignored) {
            // reported below
        }
        if (!a.header("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false)) {
            problems.add(which + ": Content-Type " + a.header("Content-Type").orElse("(none)") + ", not application/json");
        }
        boolean global = false;
        if (body == null) {
            problems.add(which + ": body is not a JSON object (Rate Limit Response Structure: message, retry_after, global): " + a.body());
        } else {
            if (!isString(body.get("message"))) {
                problems.add(which + ": body has no string \"message\" (\"A message saying you are being rate limited\")");
            }
            JsonElement ra = body.get("retry_after");
            if (ra == null || !ra.isJsonPrimitive() || !ra.getAsJsonPrimitive().isNumber()) {
                problems.add(which + ": body has no number \"retry_after\" (float, \"The number of seconds to wait before submitting another request\")");
            } else {
                retryAfter = ra.getAsDouble();
                if (retryAfter <= 0) {
                    problems.add(which + ": retry_after " + retryAfter + " is not a wait in seconds");
                }
                if (retryAfter > 3600) {
                    problems.add(which + ": retry_after " + retryAfter + " looks like milliseconds, Discord gives seconds (e.g. 64.57)");
                }
            }
            JsonElement g = body.get("global");
            if (g == null || !g.isJsonPrimitive() || !g.getAsJsonPrimitive().isBoolean()) {
                problems.add(which + ": body has no boolean \"global\" (\"A value indicating if you are being globally rate limited or not\")");
            } else {
                global = g.getAsBoolean();
            }
        }
        // Header format: "Retry-After: The number of seconds to wait before submitting another request."
        Optional<Double> retryHeader = decimal(a, "Retry-After", which, problems);
        if (retryHeader.isPresent() && retryAfter > 0 && retryHeader.get() + 1 < retryAfter) {
            problems.add(which + ": Retry-After " + retryHeader.get() + " s is shorter than retry_after " + retryAfter + " s");
        }
        integer(a, "X-RateLimit-Limit", which, problems);
        integer(a, "X-RateLimit-Remaining", which, problems).filter(r -> r != 0)
                .ifPresent(r -> problems.add(which + ": X-RateLimit-Remaining " + r + " on an exhausted bucket (expected 0)"));
        epochReset(a, which, problems);
        decimal(a, "X-RateLimit-Reset-After", which, problems);
        Optional<String> bucket = a.header("X-RateLimit-Bucket").filter(s -> !s.isBlank());
        if (bucket.isEmpty() && !global) {
            problems.add(which + ": no X-RateLimit-Bucket naming the exhausted bucket");
        }
        if (bucket.isPresent() && !before.isEmpty() && before.get(before.size() - 1).header("X-RateLimit-Bucket").isPresent()
                && !bucket.equals(before.get(before.size() - 1).header("X-RateLimit-Bucket"))) {
            problems.add(which + ": X-RateLimit-Bucket " + bucket.get() + " is not the bucket the route counted down ("
                    + before.get(before.size() - 1).header("X-RateLimit-Bucket").get() + ")");
        }
        Optional<String> scope = a.header("X-RateLimit-Scope");
        if (scope.isEmpty() || !SCOPES.contains(scope.get())) {
            problems.add(which + ": X-RateLimit-Scope " + scope.orElse("(none)") + " is not one of user, global, shared");
        }
        boolean globalHeader = "true".equalsIgnoreCase(a.header("X-RateLimit-Global").orElse(""));
        if (global != globalHeader) {
            problems.add(which + ": body global=" + global + " but X-RateLimit-Global is " + a.header("X-RateLimit-Global").orElse("absent")
                    + " (\"Returned only on HTTP 429 responses if the rate limit encountered is the global rate limit\")");
        }
        return retryAfter;
    }

    /** "wait for the duration of retry_after" and the route answers again; checked without waiting longer than that plus slack. */
    private void checkRecovers(Route route, Answer limited, double retryAfter, List<String> problems)
            throws IOException, InterruptedException {
        long allowedAt = limited.atMillis() + (long) Math.ceil(retryAfter * 1000);
        long deadline = allowedAt + 2000;
        while (System.currentTimeMillis() < allowedAt) {
            Thread.sleep(Math.max(1, Math.min(50, allowedAt - System.currentTimeMillis())));
        }
        Answer again;
        do {
            again = send(route);
            if (again.status() != 429) {
                return;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        problems.add("still 429 more than 2 s after retry_after (" + retryAfter + " s) had passed: " + again.line());
    }

    private static Optional<Long> integer(Answer a, String name, String which, List<String> problems) {
        Optional<String> v = a.header(name);
        if (v.isEmpty()) {
            problems.add(which + ": no " + name + " header");
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            problems.add(which + ": " + name + " \"" + v.get() + "\" is not a whole number");
            return Optional.empty();
        }
    }

    private static Optional<Double> decimal(Answer a, String name, String which, List<String> problems) {
        Optional<String> v = a.header(name);
        if (v.isEmpty()) {
            problems.add(which + ": no " + name + " header");
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(v.get().trim()));
        } catch (NumberFormatException e) {
            problems.add(which + ": " + name + " \"" + v.get() + "\" is not a number of seconds");
            return Optional.empty();
        }
    }

    /** X-RateLimit-Reset is an epoch time in seconds (with decimals allowed), not in the past by more than clock slack, not in milliseconds. */
    private static void epochReset(Answer a, String which, List<String> problems) {
        decimal(a, "X-RateLimit-Reset", which, problems).ifPresent(reset -> {
            double now = a.atMillis() / 1000.0;
            if (reset > 1e11) {
                problems.add(which + ": X-RateLimit-Reset " + reset + " looks like milliseconds; Discord gives epoch seconds");
            } else if (reset < now - 2 || reset > now + 3600) {
                problems.add(which + ": X-RateLimit-Reset " + reset + " is not an epoch time near now (" + now + ")");
            }
        });
    }

    private static Optional<Long> longOf(Answer a, String name) {
        try {
            return a.header(name).map(String::trim).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> resetAtMillis(Answer a) {
        try {
            return a.header("X-RateLimit-Reset-After").map(String::trim).map(Double::parseDouble)
                    .map(after -> a.atMillis() + (long) (after * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && ((JsonPrimitive) e).isString();
    }
}
