package dev.sitrep.discord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a message post that Discord answered with 500. JDA retries 502/503/504/52x only, so a
 * 500 lost the kick-off. Only posts that carry a nonce with {@code enforce_nonce} are retried:
 * Discord then returns the message it already made instead of a second one
 * (https://discord.com/developers/docs/resources/message#create-message, "nonce" and "enforce_nonce").
 * {@link DiscordRest} retries 5xx for the replicas without JDA.
 */
public final class ServerErrorRetry implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ServerErrorRetry.class);
    private static final Pattern MESSAGES = Pattern.compile(".*/channels/\\d+/messages");

    private final int maxAttempts;
    private final Duration firstBackoff;

    public ServerErrorRetry(int maxAttempts, Duration firstBackoff) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!isNoncedMessagePost(request)) {
            return chain.proceed(request);
        }
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            Response response = chain.proceed(request);
            if (response.code() != 500 || attempt >= maxAttempts) {
                return response;
            }
            response.close();
            LOG.info("Discord answered 500 to POST {}; posting again with the same nonce (attempt {} of {})",
                    request.url().encodedPath(), attempt + 1, maxAttempts);
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry a Discord message post");
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** JSON bodies only: JDA builds them from bytes, so they can be read here and sent again. */
    private static boolean isNoncedMessagePost(Request request) throws IOException {
        RequestBody body = request.body();
        MediaType type = body == null ? null : body.contentType();
        if (!"POST".equals(request.method()) || !MESSAGES.matcher(request.url().encodedPath()).matches()
                || type == null || !"json".equals(type.subtype()) || body.isOneShot()) {
            return false;
        }
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        String json = buffer.readUtf8();
        return json.contains("\"enforce_nonce\":true") && json.contains("\"nonce\":");
    }
}
