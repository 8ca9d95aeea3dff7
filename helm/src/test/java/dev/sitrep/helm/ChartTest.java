package dev.sitrep.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart linted strictly and rendered with default, HA and external-Redis values; objects checked by
 * how they refer to each other (selectors against pod labels, variables against Secret keys, mounts
 * against claims), and the rendered Redis command run against the machine's redis-server.
 */
class ChartTest {

    private static final Path CHART = Path.of("sitrep").toAbsolutePath();
    private static FakeKubernetesApi cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new FakeKubernetesApi(FakeKubernetesApi.kubeconfigPath().getParent());
        cluster.writeKubeconfig(FakeKubernetesApi.kubeconfigPath());
    }

    @AfterEach
    void renderingAskedOnlyWhatLookupMayAsk() {
        assertThat(cluster.refused()).as("requests a render must not make").isEmpty();
        cluster.clear();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

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

    /** The first container of a Deployment's or StatefulSet's pod. */
    private static Object container(List<Map<String, Object>> objects, String kind, String name) {
        return get(only(objects, kind, name), "spec", "template", "spec", "containers", 0);
    }

    /** A container's environment by variable name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> env(Object container) {
        Map<String, Map<String, Object>> byName = new HashMap<>();
        ((List<Map<String, Object>>) get(container, "env")).forEach(e -> byName.put((String) e.get("name"), e));
        return byName;
    }

    /** The Secret and key an environment variable is read from: "name/key". */
    private static String secretRef(Map<String, Object> variable) {
        assertThat(variable).as("a variable from a Secret").isNotNull().doesNotContainKey("value");
        return get(variable, "valueFrom", "secretKeyRef", "name") + "/" + get(variable, "valueFrom", "secretKeyRef", "key");
    }

    /** What the kubelet would put into a variable read from a Secret the chart renders. */
    private static String resolve(List<Map<String, Object>> objects, Map<String, Object> variable) {
        String[] ref = secretRef(variable).split("/");
        Object data = get(only(objects, "Secret", ref[0]), "data", ref[1]);
        assertThat(data).as("key %s of Secret %s", ref[1], ref[0]).isNotNull();
        return new String(Base64.getDecoder().decode((String) data), StandardCharsets.UTF_8);
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
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

    /** Egress or ingress rules whose ports include this one (a number or a container port's name). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rulesFor(Object rules, Object port, String protocol) {
        return ((List<Map<String, Object>>) rules).stream().filter(rule -> ((List<Map<String, Object>>) rule.get("ports"))
                .stream().anyMatch(p -> port.equals(p.get("port")) && protocol.equals(p.get("protocol")))).toList();
    }

    @Test
    void networkPoliciesAreOnByDefaultLetTheBotReachOnlyDnsRedisAndHttpsAndRedisOnlyTheBot() {
        List<Map<String, Object>> objects = render(t -> t);
        Object botPod = get(only(objects, "Deployment", "sitrep"), "spec", "template", "metadata", "labels");
        Object redisPod = get(only(objects, "StatefulSet", "sitrep-redis"), "spec", "template", "metadata", "labels");
        Object redisPort = get(container(objects, "StatefulSet", "sitrep-redis"), "ports", 0, "containerPort");

        Map<String, Object> bot = only(objects, "NetworkPolicy", "sitrep");
        assertThat(selects(get(bot, "spec", "podSelector", "matchLabels"), botPod)).isTrue();
        assertThat(selects(get(bot, "spec", "podSelector", "matchLabels"), redisPod)).isFalse();
        assertThat(get(bot, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        // In: the container port the Service and probes use, by its name.
        assertThat(get(bot, "spec", "ingress", 0, "ports", 0, "port"))
                .isEqualTo(get(container(objects, "Deployment", "sitrep"), "ports", 0, "name"));
        Object egress = get(bot, "spec", "egress");
        assertThat(rulesFor(egress, 53, "UDP")).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("to"));
        assertThat(rulesFor(egress, 53, "TCP")).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("to"));
        assertThat(rulesFor(egress, 443, "TCP")).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("to"));
        // Redis: its port, and only to the chart's Redis pod.
        assertThat(rulesFor(egress, redisPort, "TCP")).singleElement().satisfies(r -> {
            Object to = get(r, "to", 0, "podSelector", "matchLabels");
            assertThat(selects(to, redisPod)).as("Redis egress reaches the Redis pod").isTrue();
            assertThat(selects(to, botPod)).isFalse();
        });
        assertThat(((List<?>) egress)).as("DNS, Redis, HTTPS and nothing else").hasSize(3);

        Map<String, Object> redis = only(objects, "NetworkPolicy", "sitrep-redis");
        assertThat(selects(get(redis, "spec", "podSelector", "matchLabels"), redisPod)).isTrue();
        assertThat(selects(get(redis, "spec", "podSelector", "matchLabels"), botPod)).isFalse();
        assertThat(((List<?>) get(redis, "spec", "ingress"))).hasSize(1);
        Object from = get(redis, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels");
        assertThat(selects(from, botPod)).as("Redis takes the bot").isTrue();
        assertThat(selects(from, redisPod)).isFalse();
        assertThat(((List<?>) get(redis, "spec", "ingress", 0, "from"))).hasSize(1);
        assertThat(get(redis, "spec", "ingress", 0, "ports", 0, "port")).isEqualTo(redisPort);
        // Redis opens no connection: Egress is a policy type with no rule.
        assertThat(get(redis, "spec", "policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
        assertThat(((List<?>) get(redis, "spec", "egress"))).isEmpty();

        List<Map<String, Object>> external = render(t -> t.set("redis.enabled", false)
                .set("externalRedis.host", "redis.prod").set("externalRedis.port", 6380));
        assertThat(rulesFor(get(only(external, "NetworkPolicy", "sitrep"), "spec", "egress"), 6380, "TCP"))
                .singleElement().satisfies(r -> assertThat(r).doesNotContainKey("to"));
        assertThat(ofKind(external, "NetworkPolicy")).hasSize(1);

        assertThat(ofKind(render(t -> t.set("networkPolicy.enabled", false)), "NetworkPolicy")).isEmpty();
    }

    /**
     * The chart's Redis requires a password, generated into the chart's Secret: Redis, its probe and
     * the bot read the same key of it, and the password is in no value, argument or pod spec.
     */
    @Test
    void theChartsRedisHasAGeneratedPasswordThatRedisItsProbeAndTheBotReadFromOneSecretKey() {
        List<Map<String, Object>> objects = render(t -> t);
        Map<String, Map<String, Object>> redisEnv = env(container(objects, "StatefulSet", "sitrep-redis"));
        Map<String, Map<String, Object>> botEnv = env(container(objects, "Deployment", "sitrep"));
        String key = secretRef(botEnv.get("SPRING_DATA_REDIS_PASSWORD"));
        assertThat(secretRef(redisEnv.get("REDIS_PASSWORD"))).isEqualTo(key);
        assertThat(secretRef(redisEnv.get("REDISCLI_AUTH"))).as("the probe's redis-cli").isEqualTo(key);

        String password = resolve(objects, botEnv.get("SPRING_DATA_REDIS_PASSWORD"));
        assertThat(password).matches("[A-Za-z0-9]{32}");
        String everythingButTheSecret = new Yaml().dumpAll(objects.stream()
                .filter(o -> !"Secret".equals(o.get("kind"))).iterator());
        assertThat(everythingButTheSecret).doesNotContain(password)
                .doesNotContain(Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
        // requirepass is read from the variable, not written into an argument.
        assertThat(new Yaml().dump(get(container(objects, "StatefulSet", "sitrep-redis"), "args")))
                .contains("requirepass $REDIS_PASSWORD").doesNotContain("--requirepass");

        // A second install generates its own.
        assertThat(resolve(render(t -> t), botEnv.get("SPRING_DATA_REDIS_PASSWORD"))).isNotEqualTo(password);
    }

    /** helm upgrade reads the generated password back (lookup) instead of locking the running bot out. */
    @Test
    void anUpgradeKeepsTheGeneratedRedisPasswordAndAGivenOneWins() {
        cluster.putSecret("ops", "sitrep-redis", Map.of("redis-password", "generatedAtInstall0123456789abcd"));
        List<Map<String, Object>> upgraded = render(t -> t);
        assertThat(resolve(upgraded, env(container(upgraded, "Deployment", "sitrep")).get("SPRING_DATA_REDIS_PASSWORD")))
                .isEqualTo("generatedAtInstall0123456789abcd");

        List<Map<String, Object>> given = render(t -> t.set("redis.auth.password", "chosen-by-the-operator"));
        assertThat(resolve(given, env(container(given, "StatefulSet", "sitrep-redis")).get("REDIS_PASSWORD")))
                .isEqualTo("chosen-by-the-operator");
        assertThat(new Yaml().dumpAll(given.stream().filter(o -> !"Secret".equals(o.get("kind"))).iterator()))
                .doesNotContain("chosen-by-the-operator");

        List<Map<String, Object>> existing = render(t -> t.set("redis.auth.existingSecret", "redis-auth")
                .set("redis.auth.passwordKey", "pw"));
        assertThat(ofKind(existing, "Secret")).noneMatch(s -> get(s, "metadata", "name").toString().contains("redis"));
        assertThat(secretRef(env(container(existing, "StatefulSet", "sitrep-redis")).get("REDIS_PASSWORD")))
                .isEqualTo(secretRef(env(container(existing, "Deployment", "sitrep")).get("SPRING_DATA_REDIS_PASSWORD")))
                .isEqualTo("redis-auth/pw");

        // Redis's configuration syntax would need whitespace and quotes quoted.
        assertThatThrownBy(() -> render(t -> t.set("redis.auth.password", "two words")))
                .hasMessageContaining("/redis/auth/password");
    }

    /**
     * Runs the rendered Redis command with the variables the kubelet would set from the rendered
     * Secret (only the data folder and port differ from a pod): Redis refuses a client without the
     * password, the rendered probe passes with it and fails without it, the bot's password is
     * accepted, and the process's arguments do not hold it.
     */
    @Test
    void theRenderedRedisCommandRequiresThePasswordAndTheRenderedProbeSendsIt(@TempDir Path data) throws Exception {
        List<Map<String, Object>> objects = render(t -> t);
        Object redis = container(objects, "StatefulSet", "sitrep-redis");
        Map<String, String> podEnv = new HashMap<>();
        env(redis).forEach((name, variable) -> podEnv.put(name, resolve(objects, variable)));
        String botPassword = resolve(objects, env(container(objects, "Deployment", "sitrep")).get("SPRING_DATA_REDIS_PASSWORD"));
        int port = 0;
        Process redisServer = null;
        // redis-server cannot bind port 0 (it turns TCP off): a free port, and a fresh one when another process
        // took it between the pick and redis-server's bind (its log says "Address already in use" and it exits).
        for (int attempt = 1; redisServer == null; attempt++) {
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>();
            command.addAll(strings(get(redis, "command")));
            List<String> args = strings(get(redis, "args"));
            assertThat(args.get(args.size() - 1)).contains("--dir /data");
            args.set(args.size() - 1, args.get(args.size() - 1)
                    .replace("--dir /data", "--dir " + data + " --port " + port + " --bind 127.0.0.1"));
            command.addAll(args);
            ProcessBuilder server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("redis.log").toFile());
            server.environment().putAll(podEnv);
            Process started = server.start();
            long until = System.nanoTime() + 30_000_000_000L;
            while (started.isAlive() && !Files.readString(data.resolve("redis.log")).contains("Ready to accept connections")) {
                assertThat(System.nanoTime()).as("redis-server ready").isLessThan(until);
                Thread.sleep(20); // between looks at its log
            }
            if (started.isAlive()) {
                redisServer = started;
            } else {
                String log = Files.readString(data.resolve("redis.log"));
                assertThat(log).as("redis-server exited (try %d)", attempt).contains("Address already in use");
                assertThat(attempt).as("tries to find a port nobody takes meanwhile").isLessThan(5);
            }
        }
        try {
            List<String> probe = strings(get(redis, "readinessProbe", "exec", "command"));
            List<String> probeHere = new ArrayList<>(probe);
            probeHere.set(probe.size() - 1, probe.get(probe.size() - 1).replace("redis-cli", "redis-cli -p " + port));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (run(probeHere, podEnv).exit != 0) {
                assertThat(redisServer.isAlive()).as(Files.readString(data.resolve("redis.log"))).isTrue();
                assertThat(System.nanoTime()).as("the rendered probe passes once Redis is up").isLessThan(deadline);
                Thread.sleep(20); // between polls of the probe, not a wait for a guessed duration
            }
            Map<String, String> noPassword = new HashMap<>(podEnv);
            noPassword.remove("REDISCLI_AUTH");
            assertThat(run(List.of("redis-cli", "-p", String.valueOf(port), "ping"), noPassword).output).contains("NOAUTH");
            assertThat(run(probeHere, noPassword).exit).as("the probe fails without the password").isNotZero();
            Map<String, String> bot = new HashMap<>(noPassword);
            bot.put("REDISCLI_AUTH", botPassword);
            assertThat(run(List.of("redis-cli", "-p", String.valueOf(port), "ping"), bot).output.trim()).isEqualTo("PONG");
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(redisServer.pid()), "cmdline"));
            assertThat(cmdline).contains("redis-server").doesNotContain(botPassword);
        } finally {
            redisServer.destroy();
            redisServer.waitFor();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return new ArrayList<>((List<String>) list);
    }

    private record Ran(int exit, String output) {
    }

    private static Ran run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("REDISCLI_AUTH");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(process.waitFor(), output);
    }

    /** Without a persistent volume the directory sink is off: an emptyDir would lose postmortems on restart. */
    @Test
    void theDirectorySinkIsOffWithoutAPersistentVolume() {
        List<Map<String, Object>> objects = render(t -> t);
        Object bot = container(objects, "Deployment", "sitrep");
        Map<String, Map<String, Object>> env = env(bot);
        assertThat(env.get("SITREP_POSTMORTEM_DIRECTORY_ENABLED")).as("the sink switched off explicitly")
                .containsEntry("value", "false");
        assertThat(env).doesNotContainKey("SITREP_POSTMORTEM_DIR");
        assertThat(ofKind(objects, "PersistentVolumeClaim")).isEmpty();
        assertThat(new Yaml().dump(get(only(objects, "Deployment", "sitrep"), "spec", "template", "spec", "volumes")))
                .doesNotContain("persistentVolumeClaim");
    }

    /** With persistence the sink is on and its folder is the mount of the claim, created or given. */
    @Test
    @SuppressWarnings("unchecked")
    void withPersistenceTheDirectorySinkWritesToAClaimMountedAtItsFolder() {
        List<Map<String, Object>> objects = render(t -> t.set("postmortem.directory.persistence.enabled", true)
                .set("postmortem.directory.path", "/srv/postmortems"));
        Map<String, Object> claim = only(objects, "PersistentVolumeClaim", "sitrep-postmortems");
        assertThat(get(claim, "spec", "accessModes")).as("every replica mounts it").isEqualTo(List.of("ReadWriteMany"));
        assertThat(get(claim, "spec", "resources", "requests", "storage")).isEqualTo("1Gi");
        assertThat(claimMountedAtTheSinkFolder(objects)).isEqualTo("sitrep-postmortems");
        assertThat(env(container(objects, "Deployment", "sitrep")).get("SITREP_POSTMORTEM_DIR"))
                .containsEntry("value", "/srv/postmortems");

        List<Map<String, Object>> existing = render(t -> t.set("postmortem.directory.persistence.enabled", true)
                .set("postmortem.directory.persistence.existingClaim", "incident-files"));
        assertThat(ofKind(existing, "PersistentVolumeClaim")).isEmpty();
        assertThat(claimMountedAtTheSinkFolder(existing)).isEqualTo("incident-files");

        // One replica may use a ReadWriteOnce claim.
        List<Map<String, Object>> single = render(t -> t.set("replicaCount", 1)
                .set("postmortem.directory.persistence.enabled", true)
                .set("postmortem.directory.persistence.accessMode", "ReadWriteOnce"));
        assertThat(get(only(single, "PersistentVolumeClaim", "sitrep-postmortems"), "spec", "accessModes"))
                .isEqualTo(List.of("ReadWriteOnce"));
    }

    /** The claim behind the volume mounted at SITREP_POSTMORTEM_DIR, with the sink switched on. */
    @SuppressWarnings("unchecked")
    private static Object claimMountedAtTheSinkFolder(List<Map<String, Object>> objects) {
        Object bot = container(objects, "Deployment", "sitrep");
        Map<String, Map<String, Object>> env = env(bot);
        assertThat(env.get("SITREP_POSTMORTEM_DIRECTORY_ENABLED")).containsEntry("value", "true");
        Object folder = env.get("SITREP_POSTMORTEM_DIR").get("value");
        Map<String, Object> mount = ((List<Map<String, Object>>) get(bot, "volumeMounts")).stream()
                .filter(m -> folder.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + folder));
        assertThat(mount.get("readOnly")).isNotEqualTo(true);
        Map<String, Object> volume = ((List<Map<String, Object>>) get(only(objects, "Deployment", "sitrep"),
                "spec", "template", "spec", "volumes")).stream().filter(v -> mount.get("name").equals(v.get("name")))
                .findFirst().orElseThrow();
        assertThat(volume).doesNotContainKey("emptyDir");
        return get(volume, "persistentVolumeClaim", "claimName");
    }

    @Test
    void contradictoryPostmortemSettingsAreRefused() {
        assertThatThrownBy(() -> render(t -> t.set("postmortem.directory.persistence.existingClaim", "incident-files")))
                .as("a claim named for a sink left off")
                .hasMessageContaining("/postmortem/directory/persistence/enabled").hasMessageContaining("must be true");
        assertThatThrownBy(() -> render(t -> t.set("postmortem.directory.persistence.enabled", true)
                .set("postmortem.directory.persistence.accessMode", "ReadWriteOnce")))
                .hasMessageContaining("cannot be mounted by several replicas");
        assertThatThrownBy(() -> render(t -> t.set("postmortem.directory.path", "relative/dir")))
                .hasMessageContaining("/postmortem/directory/path");
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

        Map<String, Map<String, Object>> byName = env(container);
        // The bot's Redis is the chart's Redis Service, on the port that Service exposes.
        assertThat(get(byName.get("SPRING_DATA_REDIS_HOST"), "value"))
                .isEqualTo(get(only(objects, "Service", "sitrep-redis"), "metadata", "name"));
        assertThat(get(byName.get("SPRING_DATA_REDIS_PORT"), "value"))
                .isEqualTo(String.valueOf(get(only(objects, "Service", "sitrep-redis"), "spec", "ports", 0, "port")));
        // Credentials are referenced from the Secret, never inlined into the pod spec.
        for (String key : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_TOKEN", "GITHUB_TOKEN")) {
            assertThat(((Map<?, ?>) byName.get(key)).containsKey("value")).isFalse();
            assertThat(get(byName.get(key), "valueFrom", "secretKeyRef", "name")).isEqualTo("sitrep-credentials");
        }
        // The JVM's options: heap from the limit, C1 only (values.yaml says why), tmp on the writable volume.
        assertThat(get(byName.get("JAVA_TOOL_OPTIONS"), "value"))
                .isEqualTo("-XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=/tmp");
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

    /**
     * The alert intake's bearer token reaches the bot only as a reference to a Secret (SITREP_ALERTS_TOKEN
     * binds sitrep.alerts.token); values have no place for the token itself, and without a Secret intake stays off.
     */
    @Test
    void theAlertsTokenIsAReferenceToASecretAndNeverAValue() {
        List<Map<String, Object>> objects = render(t -> t.set("alerts.tokenSecret.name", "alertmanager-auth")
                .set("alerts.tokenSecret.key", "bearer"));
        Map<String, Map<String, Object>> env = env(container(objects, "Deployment", "sitrep"));
        assertThat(secretRef(env.get("SITREP_ALERTS_TOKEN"))).isEqualTo("alertmanager-auth/bearer");
        assertThat(get(env.get("SITREP_ALERTS_TOKEN"), "valueFrom", "secretKeyRef")).as("a missing key fails the start")
                .isInstanceOfSatisfying(Map.class, ref -> assertThat(ref).doesNotContainKey("optional"));
        assertThat(ofKind(objects, "Secret")).noneMatch(s -> "alertmanager-auth".equals(get(s, "metadata", "name")));

        assertThat(env(container(render(t -> t), "Deployment", "sitrep"))).doesNotContainKey("SITREP_ALERTS_TOKEN");
        assertThatThrownBy(() -> render(t -> t.set("alerts.token", "plain-token-in-values-0123456789")))
                .as("a token in plain values is refused by the schema").hasMessageContaining("token");
    }

    /** Services from values become a ConfigMap whose services.yaml the bot imports from where it is mounted. */
    @Test
    @SuppressWarnings("unchecked")
    void servicesAreAConfigMapTheBotImportsFromItsMount() {
        List<Map<String, Object>> objects = render(t -> t.set("services.checkout.displayName", "Checkout")
                .set("services.checkout.runbook", "https://runbooks.example/checkout")
                .set("services.checkout.checklist[0]", "Check the payment dashboards")
                .set("services.checkout.paging.routingKey", "checkout")
                .set("services.checkout.paging.threshold", "sev2"));
        Map<String, Object> configMap = only(objects, "ConfigMap", "sitrep-services");
        Map<String, Object> file = new Yaml().load((String) get(configMap, "data", "services.yaml"));
        assertThat(get(file, "sitrep", "services", "checkout", "runbook")).isEqualTo("https://runbooks.example/checkout");
        assertThat(get(file, "sitrep", "services", "checkout", "checklist")).isEqualTo(List.of("Check the payment dashboards"));
        assertThat(get(file, "sitrep", "services", "checkout", "paging", "threshold")).isEqualTo("sev2");
        Object bot = container(objects, "Deployment", "sitrep");
        String imported = (String) env(bot).get("SPRING_CONFIG_IMPORT").get("value");
        assertThat(imported).startsWith("file:").endsWith("/services.yaml");
        Map<String, Object> mount = ((List<Map<String, Object>>) get(bot, "volumeMounts")).stream()
                .filter(m -> imported.equals("file:" + m.get("mountPath") + "/services.yaml")).findFirst().orElseThrow();
        Map<String, Object> volume = ((List<Map<String, Object>>) get(only(objects, "Deployment", "sitrep"), "spec",
                "template", "spec", "volumes")).stream().filter(v -> mount.get("name").equals(v.get("name"))).findFirst()
                .orElseThrow();
        assertThat(get(volume, "configMap", "name")).isEqualTo("sitrep-services");

        List<Map<String, Object>> given = render(t -> t.set("servicesConfigMap", "team-services"));
        assertThat(ofKind(given, "ConfigMap")).noneMatch(c -> "sitrep-services".equals(get(c, "metadata", "name")));
        assertThat(new Yaml().dump(get(only(given, "Deployment", "sitrep"), "spec", "template", "spec", "volumes")))
                .contains("name: team-services");
        assertThat(env(container(render(t -> t), "Deployment", "sitrep"))).doesNotContainKey("SPRING_CONFIG_IMPORT");
    }

    /**
     * PagerDuty routing keys reach the bot as files of a Secret mounted where sitrep.paging.pagerduty.routing-keys-dir
     * points, one per service, never in the pod spec; the webhook's HMAC secret comes from the credentials Secret.
     */
    @Test
    @SuppressWarnings("unchecked")
    void pagerDutyRoutingKeysAreFilesOfASecretMountedWhereTheBotReadsThem() {
        String key = "R0123456789abcdef0123456789abcde";
        List<Map<String, Object>> objects = render(t -> t.set("paging.pagerduty.routingKeys.checkout", key)
                .set("paging.pagerduty.apiUrl", "https://events.eu.pagerduty.com")
                .set("paging.webhook.url", "https://pager.example/hook"));
        Map<String, Object> secret = only(objects, "Secret", "sitrep-pagerduty");
        assertThat(new String(Base64.getDecoder().decode((String) get(secret, "data", "checkout")), StandardCharsets.UTF_8))
                .isEqualTo(key);
        Object bot = container(objects, "Deployment", "sitrep");
        Map<String, Map<String, Object>> env = env(bot);
        String dir = (String) env.get("SITREP_PAGING_PAGERDUTY_ROUTINGKEYSDIR").get("value");
        assertThat(env.get("SITREP_PAGING_PAGERDUTY_APIURL")).containsEntry("value", "https://events.eu.pagerduty.com");
        assertThat(env.get("SITREP_PAGING_WEBHOOK_URL")).containsEntry("value", "https://pager.example/hook");
        assertThat(secretRef(env.get("SITREP_PAGING_WEBHOOK_SECRET"))).isEqualTo("sitrep-credentials/SITREP_PAGING_WEBHOOK_SECRET");
        Map<String, Object> mount = ((List<Map<String, Object>>) get(bot, "volumeMounts")).stream()
                .filter(m -> dir.equals(m.get("mountPath"))).findFirst().orElseThrow();
        assertThat(mount).containsEntry("readOnly", true);
        Map<String, Object> volume = ((List<Map<String, Object>>) get(only(objects, "Deployment", "sitrep"), "spec",
                "template", "spec", "volumes")).stream().filter(v -> mount.get("name").equals(v.get("name"))).findFirst()
                .orElseThrow();
        assertThat(get(volume, "secret", "secretName")).isEqualTo("sitrep-pagerduty");
        assertThat(new Yaml().dump(only(objects, "Deployment", "sitrep"))).doesNotContain(key);

        List<Map<String, Object>> given = render(t -> t.set("paging.pagerduty.routingKeysSecret", "pd-keys"));
        assertThat(ofKind(given, "Secret")).noneMatch(s -> "sitrep-pagerduty".equals(get(s, "metadata", "name")));
        assertThat(new Yaml().dump(get(only(given, "Deployment", "sitrep"), "spec", "template", "spec", "volumes")))
                .contains("secretName: pd-keys");
        assertThat(env(container(render(t -> t), "Deployment", "sitrep")))
                .doesNotContainKeys("SITREP_PAGING_PAGERDUTY_ROUTINGKEYSDIR", "SITREP_PAGING_WEBHOOK_URL");
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
        assertThat(ofKind(objects, "Secret")).noneMatch(o -> "sitrep-credentials".equals(get(o, "metadata", "name")));
        assertThat(new Yaml().dump(deployment)).contains("name: sitrep-prod");
        // Alerts on sitrep's own trouble, on metrics the bot really exports.
        String rules = new Yaml().dump(get(only(objects, "PrometheusRule", "sitrep"), "spec", "groups", 0, "rules"));
        assertThat(rules).contains("alert: SitrepRemindersLate").contains("sitrep_reminder_lateness_seconds_bucket")
                .contains("> 60").contains("alert: SitrepCommandsFailing").contains("sitrep_commands_total{outcome=\"failed\"}")
                .contains("alert: SitrepNoDiscordGateway").contains("sum(sitrep_discord_gateway_held) == 0");
    }

    /**
     * Host, port and TLS, not spring.data.redis.url: with a URL Spring Boot takes the password from the
     * URL only (PropertiesDataRedisConnectionDetails.getPassword) and would ignore the Secret's.
     */
    @Test
    void externalRedisUsesTlsAndAPasswordFromItsSecret() {
        List<Map<String, Object>> objects = render(t -> t.set("redis.enabled", false).set("externalRedis.host", "redis.prod")
                .set("externalRedis.tls", true).set("externalRedis.existingPasswordSecret", "redis-auth"));
        assertThat(objects).noneMatch(o -> "StatefulSet".equals(o.get("kind")));
        assertThat(ofKind(objects, "Secret")).noneMatch(s -> "sitrep-redis".equals(get(s, "metadata", "name")));
        Map<String, Map<String, Object>> env = env(container(objects, "Deployment", "sitrep"));
        assertThat(env).doesNotContainKey("SPRING_DATA_REDIS_URL");
        assertThat(env.get("SPRING_DATA_REDIS_HOST")).containsEntry("value", "redis.prod");
        assertThat(env.get("SPRING_DATA_REDIS_PORT")).containsEntry("value", "6379");
        assertThat(env.get("SPRING_DATA_REDIS_SSL_ENABLED")).containsEntry("value", "true");
        assertThat(secretRef(env.get("SPRING_DATA_REDIS_PASSWORD"))).isEqualTo("redis-auth/redis-password");

        Map<String, Map<String, Object>> open = env(container(render(t -> t.set("redis.enabled", false)
                .set("externalRedis.host", "redis.prod")), "Deployment", "sitrep"));
        assertThat(open).doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_SSL_ENABLED");
    }

    /**
     * Sentinel alone: the bot gets the master name and exactly the sentinels given (no host, which
     * would name a fixed primary), both passwords from the one Secret, and may reach every sentinel's
     * port as well as the Redis servers' port.
     */
    @Test
    void externalRedisThroughSentinelGivesTheBotTheMasterAndEverySentinel() {
        List<String> nodes = List.of("sentinel-0.redis:26379", "sentinel-1.redis:26380", "sentinel-2.redis");
        List<Map<String, Object>> objects = render(t -> t.set("redis.enabled", false)
                .set("externalRedis.sentinel.master", "mymaster")
                .set("externalRedis.sentinel.nodes[0]", nodes.get(0))
                .set("externalRedis.sentinel.nodes[1]", nodes.get(1))
                .set("externalRedis.sentinel.nodes[2]", nodes.get(2))
                .set("externalRedis.sentinel.passwordKey", "sentinel-password")
                .set("externalRedis.existingPasswordSecret", "redis-auth"));
        assertThat(objects).noneMatch(o -> "StatefulSet".equals(o.get("kind")));
        Map<String, Map<String, Object>> env = env(container(objects, "Deployment", "sitrep"));
        assertThat(env).doesNotContainKeys("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT", "SPRING_DATA_REDIS_URL");
        assertThat(env.get("SPRING_DATA_REDIS_SENTINEL_MASTER")).containsEntry("value", "mymaster");
        assertThat(List.of(((String) env.get("SPRING_DATA_REDIS_SENTINEL_NODES").get("value")).split(",")))
                .isEqualTo(nodes);
        assertThat(secretRef(env.get("SPRING_DATA_REDIS_PASSWORD"))).isEqualTo("redis-auth/redis-password");
        assertThat(secretRef(env.get("SPRING_DATA_REDIS_SENTINEL_PASSWORD"))).isEqualTo("redis-auth/sentinel-password");

        Object egress = get(only(objects, "NetworkPolicy", "sitrep"), "spec", "egress");
        for (int port : List.of(6379, 26379, 26380)) {
            assertThat(rulesFor(egress, port, "TCP")).as("egress to port %d", port).isNotEmpty();
        }

        Map<String, Map<String, Object>> open = env(container(render(t -> t.set("redis.enabled", false)
                .set("externalRedis.sentinel.master", "mymaster").set("externalRedis.sentinel.nodes[0]", "s0:26379")),
                "Deployment", "sitrep"));
        assertThat(open).doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_SENTINEL_PASSWORD");
    }

    @Test
    void sentinelWithAHostOrTheChartsRedisOrWithoutSentinelsIsRefused() {
        assertThatThrownBy(() -> render(t -> t.set("externalRedis.sentinel.master", "m")
                .set("externalRedis.sentinel.nodes[0]", "s0:26379"))).hasMessageContaining("not both");
        assertThatThrownBy(() -> render(t -> t.set("redis.enabled", false).set("externalRedis.host", "redis.prod")
                .set("externalRedis.sentinel.master", "m").set("externalRedis.sentinel.nodes[0]", "s0:26379")))
                .hasMessageContaining("externalRedis.host or externalRedis.sentinel.master, not both");
        assertThatThrownBy(() -> render(t -> t.set("redis.enabled", false).set("externalRedis.sentinel.master", "m")))
                .hasMessageContaining("needs externalRedis.sentinel.nodes");
        assertThatThrownBy(() -> render(t -> t.set("redis.enabled", false).set("externalRedis.sentinel.master", "m")
                .set("externalRedis.sentinel.nodes[0]", "s0:26379").set("externalRedis.sentinel.passwordKey", "k")))
                .hasMessageContaining("set that Secret");
    }

    @Test
    void bothRedisOrNoRedisIsRefused() {
        assertThatThrownBy(() -> render(t -> t.set("externalRedis.host", "redis.prod")))
                .hasMessageContaining("either redis.enabled=true or externalRedis.host / externalRedis.sentinel.master, not both");
        assertThatThrownBy(() -> render(t -> t.set("redis.enabled", false)))
                .hasMessageContaining("sitrep needs a Redis");
    }

    @Test
    void theSchemaRejectsBadValues() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 0))).hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> render(t -> t.set("config.severities.sev1", "soon"))).hasMessageContaining("sev1");
        assertThatThrownBy(() -> render(t -> t.set("paging.pagerduty.routingKeys.checkout", "tooshort")))
                .hasMessageContaining("routingKeys");
        assertThatThrownBy(() -> render(t -> t.set("paging.webhook.url", "ftp://pager.example")))
                .hasMessageContaining("url");
    }
}
