package dev.sitrep.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The chart linted strictly and rendered with default, HA and external-Redis values; objects checked. */
class ChartTest {

    private static final Path CHART = Path.of("sitrep").toAbsolutePath();

    private static List<Map<String, Object>> render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("sitrep").withNamespace("ops")).call();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(yaml)) {
            if (doc instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                objects.add(object);
            }
        }
        return objects;
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(get(o, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object node, Object... path) {
        Object current = node;
        for (Object key : path) {
            current = key instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    /** A label selector (matchLabels or a Service's selector) against a pod's labels. */
    private static boolean selects(Object selector, Object labels) {
        return ((Map<?, ?>) labels).entrySet().containsAll(((Map<?, ?>) selector).entrySet());
    }

    /**
     * The chart's Redis shares the release's name and instance labels: every selector meant for the
     * bot must leave the Redis pod out, or the PodDisruptionBudget would count it and the Service
     * and ServiceMonitor could pick it.
     */
    @Test
    void theBotsSelectorsPickTheBotsPodsAndNotRedis() {
        List<Map<String, Object>> objects = render(t -> t.set("metrics.serviceMonitor.enabled", true));
        Object botPod = get(only(objects, "Deployment", "sitrep"), "spec", "template", "metadata", "labels");
        Object redisPod = get(only(objects, "StatefulSet", "sitrep-redis"), "spec", "template", "metadata", "labels");
        Object redisService = get(only(objects, "Service", "sitrep-redis"), "metadata", "labels");
        List<Object> selectors = List.of(
                get(only(objects, "Deployment", "sitrep"), "spec", "selector", "matchLabels"),
                get(only(objects, "Service", "sitrep"), "spec", "selector"),
                get(only(objects, "PodDisruptionBudget", "sitrep"), "spec", "selector", "matchLabels"),
                get(only(objects, "Deployment", "sitrep"), "spec", "template", "spec", "affinity", "podAntiAffinity",
                        "preferredDuringSchedulingIgnoredDuringExecution", 0, "podAffinityTerm", "labelSelector",
                        "matchLabels"));
        for (Object selector : selectors) {
            assertThat(selects(selector, botPod)).as("%s selects the bot", selector).isTrue();
            assertThat(selects(selector, redisPod)).as("%s leaves Redis out", selector).isFalse();
        }
        Object monitorSelector = get(only(objects, "ServiceMonitor", "sitrep"), "spec", "selector", "matchLabels");
        assertThat(selects(monitorSelector, get(only(objects, "Service", "sitrep"), "metadata", "labels"))).isTrue();
        assertThat(selects(monitorSelector, redisService)).isFalse();
        Object redisSelector = get(only(objects, "StatefulSet", "sitrep-redis"), "spec", "selector", "matchLabels");
        assertThat(selects(redisSelector, botPod)).as("Redis's selector leaves the bot out").isFalse();
    }

    @Test
    void networkPoliciesLetTheBotReachOnlyDnsRedisAndHttpsAndRedisOnlyTheBot() {
        List<Map<String, Object>> objects = render(t -> t.set("networkPolicy.enabled", true));
        Map<String, Object> bot = only(objects, "NetworkPolicy", "sitrep");
        Object botPod = get(only(objects, "Deployment", "sitrep"), "spec", "template", "metadata", "labels");
        assertThat(selects(get(bot, "spec", "podSelector", "matchLabels"), botPod)).isTrue();
        assertThat(get(bot, "spec", "ingress", 0, "ports", 0, "port")).isEqualTo("http");
        assertThat(new Yaml().dump(get(bot, "spec", "egress"))).contains("port: 53").contains("port: 6379")
                .contains("port: 443").doesNotContain("port: 80\n");
        Map<String, Object> redis = only(objects, "NetworkPolicy", "sitrep-redis");
        assertThat(selects(get(redis, "spec", "podSelector", "matchLabels"),
                get(only(objects, "StatefulSet", "sitrep-redis"), "spec", "template", "metadata", "labels"))).isTrue();
        assertThat(selects(get(redis, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels"), botPod)).isTrue();

        List<Map<String, Object>> external = render(t -> t.set("networkPolicy.enabled", true).set("redis.enabled", false)
                .set("externalRedis.host", "redis.prod").set("externalRedis.port", 6380));
        assertThat(new Yaml().dump(get(only(external, "NetworkPolicy", "sitrep"), "spec", "egress"))).contains("port: 6380");
        assertThat(external).noneMatch(o -> "NetworkPolicy".equals(o.get("kind"))
                && "sitrep-redis".equals(get(o, "metadata", "name")));
    }

    @Test
    void lintsStrictly() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultValuesGiveASecureDeploymentWithProbesOnTheActuator() {
        List<Map<String, Object>> objects = render(t -> t);
        Map<String, Object> deployment = only(objects, "Deployment", "sitrep");
        assertThat(get(deployment, "spec", "replicas")).isEqualTo(2);
        Object pod = get(deployment, "spec", "template", "spec");
        assertThat(get(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(get(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        assertThat(get(pod, "automountServiceAccountToken")).isEqualTo(false);
        Object container = get(pod, "containers", 0);
        assertThat(get(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(get(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(get(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
        assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(get(container, "resources", "limits", "memory")).isEqualTo("768Mi");
        // Room to finish acknowledged work and hand the Discord gateway over on a rolling deploy.
        assertThat(get(pod, "terminationGracePeriodSeconds")).isEqualTo(45);
        assertThat(get(container, "lifecycle", "preStop", "exec", "command")).isEqualTo(List.of("sleep", "5"));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = (List<Map<String, Object>>) get(container, "env");
        Map<String, Object> byName = new java.util.HashMap<>();
        env.forEach(e -> byName.put((String) e.get("name"), e));
        assertThat(get(byName.get("SPRING_DATA_REDIS_URL"), "value")).isEqualTo("redis://sitrep-redis:6379");
        // Credentials are referenced from the Secret, never inlined into the pod spec.
        for (String key : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN", "GITHUB_TOKEN")) {
            assertThat(((Map<?, ?>) byName.get(key)).containsKey("value")).isFalse();
            assertThat(get(byName.get(key), "valueFrom", "secretKeyRef", "name")).isEqualTo("sitrep-credentials");
        }
        assertThat(only(objects, "PodDisruptionBudget", "sitrep")).isNotNull();
        assertThat(only(objects, "StatefulSet", "sitrep-redis")).isNotNull();
        assertThat(objects).noneMatch(o -> "Ingress".equals(o.get("kind")) || "HorizontalPodAutoscaler".equals(o.get("kind")));
    }

    @Test
    void secretValuesGoIntoTheChartsSecretOnly() {
        List<Map<String, Object>> objects = render(t -> t.set("secrets.values.SLACK_BOT_TOKEN", "xoxb-secret-value"));
        Map<String, Object> secret = only(objects, "Secret", "sitrep-credentials");
        assertThat(get(secret, "data", "SLACK_BOT_TOKEN")).isEqualTo(java.util.Base64.getEncoder()
                .encodeToString("xoxb-secret-value".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(new Yaml().dump(only(objects, "Deployment", "sitrep"))).doesNotContain("xoxb-secret-value");
    }

    @Test
    void haValuesScaleWithAnAutoscalerIngressAndServiceMonitor() {
        List<Map<String, Object>> objects = render(t -> t.set("replicaCount", 3).set("autoscaling.enabled", true)
                .set("autoscaling.maxReplicas", 6).set("ingress.enabled", true)
                .set("metrics.serviceMonitor.enabled", true).set("metrics.prometheusRule.enabled", true)
                .set("secrets.existingSecret", "sitrep-prod"));
        Map<String, Object> deployment = only(objects, "Deployment", "sitrep");
        assertThat(((Map<?, ?>) get(deployment, "spec")).containsKey("replicas")).isFalse();
        assertThat(get(only(objects, "HorizontalPodAutoscaler", "sitrep"), "spec", "maxReplicas")).isEqualTo(6);
        assertThat(get(only(objects, "Ingress", "sitrep"), "spec", "rules", 0, "http", "paths", 0, "path"))
                .isEqualTo("/slack/events");
        assertThat(get(only(objects, "ServiceMonitor", "sitrep"), "spec", "endpoints", 0, "path"))
                .isEqualTo("/actuator/prometheus");
        assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
        assertThat(new Yaml().dump(deployment)).contains("name: sitrep-prod");
        // Alerts on sitrep's own trouble, on metrics the bot really exports.
        String rules = new Yaml().dump(get(only(objects, "PrometheusRule", "sitrep"), "spec", "groups", 0, "rules"));
        assertThat(rules).contains("alert: SitrepRemindersLate").contains("sitrep_reminder_lateness_seconds_bucket")
                .contains("> 60").contains("alert: SitrepCommandsFailing").contains("sitrep_commands_total{outcome=\"failed\"}")
                .contains("alert: SitrepNoDiscordGateway").contains("sum(sitrep_discord_gateway_held) == 0");
    }

    @Test
    void externalRedisUsesTlsAndAPasswordFromItsSecret() {
        List<Map<String, Object>> objects = render(t -> t.set("redis.enabled", false).set("externalRedis.host", "redis.prod")
                .set("externalRedis.tls", true).set("externalRedis.existingPasswordSecret", "redis-auth"));
        assertThat(objects).noneMatch(o -> "StatefulSet".equals(o.get("kind")));
        String deployment = new Yaml().dump(only(objects, "Deployment", "sitrep"));
        assertThat(deployment).contains("rediss://redis.prod:6379").contains("name: redis-auth")
                .contains("key: redis-password");
    }

    @Test
    void bothRedisOrNoRedisIsRefused() {
        assertThatThrownBy(() -> render(t -> t.set("externalRedis.host", "redis.prod")))
                .hasMessageContaining("either redis.enabled=true or externalRedis.host, not both");
        assertThatThrownBy(() -> render(t -> t.set("redis.enabled", false)))
                .hasMessageContaining("sitrep needs a Redis");
    }

    @Test
    void theSchemaRejectsBadValues() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 0))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("config.severities.sev1", "soon"))).hasMessageContaining("sev1");
    }
}
