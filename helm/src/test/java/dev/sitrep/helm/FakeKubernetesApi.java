package dev.sitrep.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The few Kubernetes API calls Helm's {@code lookup} makes for a Secret, on 127.0.0.1: discovery of
 * the core group and a GET of one Secret. helm-java renders with the dry-run option "none", so
 * {@code lookup} asks a cluster even for a template (helm-java native/internal/helm/install.go,
 * {@code dryRunOption}); the kubeconfig named by {@code KUBECONFIG} points it here.
 *
 * <p>Everything a render must not do is refused and remembered: writes (a template never changes
 * the cluster), requests without the token, and paths outside the two above. It speaks HTTPS with a
 * self-signed certificate (made with the JDK's keytool): client-go sends a kubeconfig's token only
 * over TLS.
 */
final class FakeKubernetesApi implements AutoCloseable {

    private static final String TOKEN = "chart-test-token";
    private static final Pattern SECRET = Pattern.compile("/api/v1/namespaces/([a-z0-9-]+)/secrets/([a-z0-9.-]+)");

    private final HttpsServer server;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    FakeKubernetesApi(Path workDir) throws IOException, InterruptedException, GeneralSecurityException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(workDir)));
        server.createContext("/", this::handle);
        server.start();
    }

    private static SSLContext tls(Path workDir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(workDir);
        Path keystore = workDir.resolve("api-server.p12");
        Files.deleteIfExists(keystore);
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(password)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** Writes a kubeconfig for this server (token auth, namespace ops) where {@code KUBECONFIG} says. */
    void writeKubeconfig(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: https://127.0.0.1:%d
                      insecure-skip-tls-verify: true
                users:
                  - name: fake
                    user:
                      token: %s
                contexts:
                  - name: fake
                    context: {cluster: fake, user: fake, namespace: ops}
                current-context: fake
                """.formatted(server.getAddress().getPort(), TOKEN));
    }

    /** A Secret as an installed release left it: key → plain value (stored base64, as the API does). */
    void putSecret(String namespace, String name, Map<String, String> data) {
        secrets.put(namespace + "/" + name, data.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))));
    }

    void clear() {
        secrets.clear();
        refused.clear();
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            // An API server answers an unauthenticated request 401 with a Status
            // (https://kubernetes.io/docs/reference/access-authn-authz/authentication/).
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.add("unauthenticated " + exchange.getRequestMethod() + " " + path);
                status(exchange, 401, "Unauthorized", "Unauthorized", null);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                refused.add(exchange.getRequestMethod() + " " + path);
                status(exchange, 405, "MethodNotAllowed", "a render must not write", null);
                return;
            }
            if (path.equals("/api/v1")) {
                // Discovery of the core group: an APIResourceList
                // (https://kubernetes.io/docs/reference/using-api/api-concepts/#discovery-api).
                send(exchange, 200, """
                        {"kind":"APIResourceList","groupVersion":"v1","resources":[
                          {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret",
                           "verbs":["create","delete","deletecollection","get","list","patch","update","watch"]}]}""");
                return;
            }
            Matcher secret = SECRET.matcher(path);
            if (secret.matches()) {
                Map<String, String> data = secrets.get(secret.group(1) + "/" + secret.group(2));
                if (data == null) {
                    // A missing object is a 404 Status with reason NotFound, which lookup turns into an empty map
                    // (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris,
                    // https://helm.sh/docs/chart_template_guide/functions_and_pipelines/#using-the-lookup-function).
                    status(exchange, 404, "NotFound", "secrets \"" + secret.group(2) + "\" not found", secret.group(2));
                    return;
                }
                // The Secret's shape (https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/secret-v1/).
                String fields = data.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(","));
                send(exchange, 200, """
                        {"kind":"Secret","apiVersion":"v1","metadata":{"name":"%s","namespace":"%s"},"type":"Opaque","data":{%s}}"""
                        .formatted(secret.group(2), secret.group(1), fields));
                return;
            }
            refused.add("GET " + path);
            status(exchange, 404, "NotFound", "the server could not find the requested resource", null);
        } catch (RuntimeException e) {
            refused.add("failed: " + e);
        }
    }

    private static void status(HttpExchange exchange, int code, String reason, String message, String name)
            throws IOException {
        String details = name == null ? "" : ",\"details\":{\"name\":\"" + name + "\",\"kind\":\"secrets\"}";
        send(exchange, code, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"%s","reason":"%s"%s,"code":%d}"""
                .formatted(message.replace("\"", "\\\""), reason, details, code));
    }

    private static void send(HttpExchange exchange, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Path kubeconfigPath() {
        String path = System.getenv("KUBECONFIG");
        if (path == null) {
            throw new UncheckedIOException(new IOException(
                    "KUBECONFIG is not set: helm/pom.xml sets it for surefire, so that lookup asks FakeKubernetesApi"));
        }
        return Path.of(path);
    }
}
