package dev.sitrep.bot.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature (https://api.slack.com/authentication/verifying-requests-from-slack):
 * {@code v0=} + hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)), compared in
 * constant time. The one check of a request in HTTP mode ({@link SlackEventsServlet}; Bolt's own
 * check is off, see {@code SlackConfiguration}). Why not Slack's {@code SlackSignature.Generator}:
 * it formats each byte of the digest with {@code String.format("%02x")}, which was a tenth of the
 * request thread's time (issue 15 §1, JFR on {@code ./bench -Dbench.only=ack}).
 */
final class SlackSignatureCheck {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    /** Initialised once with the secret; each request works on its own clone (a Mac is not thread-safe). */
    private final Mac keyed;

    SlackSignatureCheck(String signingSecret) {
        try {
            keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Whether {@code signature} is Slack's v0 signature of {@code body} sent at {@code timestamp}. */
    boolean isValid(String timestamp, byte[] body, String signature) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HMAC provider cannot clone a keyed Mac", e);
        }
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        byte[] expected = ("v0=" + HEX.formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
