package dev.sitrep.discord;

import dev.sitrep.commands.port.PlatformFailure;
import java.util.function.Supplier;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.jspecify.annotations.Nullable;

/** Turns JDA's failures into answers a person can act on: which permission, which error. */
final class JdaCalls {

    private JdaCalls() {
    }

    static <T> T discord(String what, Supplier<T> call) {
        return discord(what, null, call);
    }

    /**
     * @param needs the permission the call needs, named when Discord answers 50013 Missing
     *              Permissions (JDA's own check names it itself)
     */
    static <T> T discord(String what, @Nullable Permission needs, Supplier<T> call) {
        try {
            return call.get();
        } catch (InsufficientPermissionException e) {
            throw lacks(what, e.getPermission(), e);
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS && needs != null) {
                throw lacks(what, needs, e);
            }
            String hint = e.getErrorResponse() == ErrorResponse.MISSING_PERMISSIONS
                    ? " (compare sitrep's role with the permissions in the README's invite link)" : "";
            throw new PlatformFailure("Discord refused to " + what + ": " + e.getMeaning() + hint, e);
        }
    }

    static void discord(String what, Runnable call) {
        discord(what, null, call);
    }

    static void discord(String what, @Nullable Permission needs, Runnable call) {
        discord(what, needs, () -> {
            call.run();
            return null;
        });
    }

    private static PlatformFailure lacks(String what, Permission permission, RuntimeException cause) {
        return new PlatformFailure("sitrep could not " + what + ": it lacks the Discord permission "
                + permission.getName() + "; grant it to sitrep's role in Server Settings → Roles", cause);
    }
}
