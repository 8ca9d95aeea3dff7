package dev.sitrep.web;

import dev.sitrep.commands.incident.Incident;
import java.lang.reflect.Method;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The name of the service an incident is about, for the list's service filter. Incidents name a
 * service only once the service catalogue (issue 13) lands, in parallel with the dashboard; until
 * both are merged the accessor is looked up rather than called, so this module compiles and works
 * on either side of that merge. It reads {@code Incident.service()} returning a name, an
 * {@code Optional}, or a record with {@code name()}; anything else reads as no service.
 */
final class ServiceOf {

    private static final @Nullable Method SERVICE = accessor(Incident.class, "service");

    private ServiceOf() {
    }

    static String of(Incident incident) {
        if (SERVICE == null) {
            return "";
        }
        try {
            return name(SERVICE.invoke(incident));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    static String name(@Nullable Object value) throws ReflectiveOperationException {
        if (value instanceof Optional<?> optional) {
            return name(optional.orElse(null));
        }
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        Method name = accessor(value.getClass(), "name");
        return name == null ? "" : String.valueOf(name.invoke(value));
    }

    private static @Nullable Method accessor(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getParameterCount() == 0 ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
