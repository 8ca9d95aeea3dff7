package dev.sitrep.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.port.MemberDirectory;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's {@code users.lookupByEmail} (https://api.slack.com/methods/users.lookupByEmail; needs the
 * {@code users:read.email} scope) through the shared {@link SlackCalls} policy. An address Slack does
 * not know ({@code users_not_found}) is nobody; any other refusal or outage is logged once per
 * look-up and also counts as nobody: a dashboard viewer then sees less, never more.
 */
public final class SlackMemberDirectory implements MemberDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(SlackMemberDirectory.class);

    private final MethodsClient methods;
    private final SlackCalls calls;

    public SlackMemberDirectory(MethodsClient methods, SlackCalls calls) {
        this.methods = methods;
        this.calls = calls;
    }

    @Override
    public Optional<Member> byEmail(String email) {
        UsersLookupByEmailResponse response;
        try {
            response = calls.call("users.lookupByEmail", null, () -> methods.usersLookupByEmail(r -> r.email(email)));
        } catch (SlackCallFailed e) {
            if (!"users_not_found".equals(e.error())) {
                LOG.warn("Slack could not look up a dashboard viewer's e-mail: {}", e.getMessage());
            }
            return Optional.empty();
        }
        User user = response.getUser();
        // Deactivated accounts and bots are no one's identity on the dashboard.
        if (user == null || user.isDeleted() || user.isBot()) {
            return Optional.empty();
        }
        String name = user.getName() == null ? user.getId() : user.getName();
        return Optional.of(new Member("slack", user.getId(), name));
    }
}
