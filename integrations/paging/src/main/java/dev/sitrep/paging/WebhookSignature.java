package dev.sitrep.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the webhook pager signs, as the README tells receivers: HMAC-SHA256 with the shared secret over
 * {@code v1:<timestamp>:<body>}, sent as {@code X-Sitrep-Signature: v1=<hex>} beside
 * {@code X-Sitrep-Timestamp: <unix seconds>}. The timestamp is signed so a receiver can refuse replays.
 */
final class WebhookSignature {

    static final String SIGNATURE_HEADER = "X-Sitrep-Signature";
    static final String TIMESTAMP_HEADER = "X-Sitrep-Timestamp";

    private final SecretKeySpec key;

    WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(("v1:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
