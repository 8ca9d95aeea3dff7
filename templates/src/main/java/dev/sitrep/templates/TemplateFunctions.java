package dev.sitrep.templates;

import dev.sitrep.commands.DurationText;
import dev.sitrep.commands.UpdateField;
import dev.sitrep.commands.incident.ChannelRef;
import dev.sitrep.commands.incident.Member;
import dev.sitrep.commands.incident.StatusUpdate;
import freemarker.template.Configuration;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions every template can call. Those that produce platform markup (mentions, channel
 * links, time tokens) return markup, so auto-escaping leaves them intact while user text is escaped.
 * Their names ({@code mention link when relative utc span day fieldsOf plain}) are chosen not to clash with the
 * field names of any message, which would hide them.
 */
final class TemplateFunctions {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TemplateFunctions() {
    }

    static void install(Configuration configuration, Dialect dialect) {
        EscapingOutputFormat format = dialect.outputFormat();
        configuration.setSharedVariable("mention", markup(format, Member.class, dialect::mention));
        configuration.setSharedVariable("link", markup(format, ChannelRef.class, dialect::channel));
        configuration.setSharedVariable("when", markup(format, Instant.class, dialect::time));
        configuration.setSharedVariable("relative", markup(format, Instant.class, dialect::relative));
        configuration.setSharedVariable("utc", text(Instant.class, UTC::format));
        configuration.setSharedVariable("span", text(Duration.class, DurationText::format));
        configuration.setSharedVariable("day", text(LocalDate.class, LocalDate::toString));
        configuration.setSharedVariable("fieldsOf", fieldsOf());
        configuration.setSharedVariable("plain", markup(format, String.class, dialect::plainText));
    }

    /**
     * {@code fieldsOf(update)}: the fields an update gives as {@code label}/{@code value} pairs, so
     * templates list them from {@link UpdateField} instead of spelling each one out.
     */
    private static TemplateMethodModelEx fieldsOf() {
        return args -> {
            StatusUpdate update = argument(args, StatusUpdate.class);
            return update == null ? List.of() : UpdateField.givenIn(update).entrySet().stream()
                    .map(e -> Map.of("label", e.getKey().label(), "value", e.getValue())).toList();
        };
    }

    /** Null arguments give an em dash, so a template never fails on a value that is not there yet. */
    private static <T> TemplateMethodModelEx markup(EscapingOutputFormat format, Class<T> type,
                                                    Function<T, String> fn) {
        return args -> {
            T value = argument(args, type);
            return value == null ? "—" : format.fromMarkup(fn.apply(value));
        };
    }

    private static <T> TemplateMethodModelEx text(Class<T> type, Function<T, String> fn) {
        return args -> {
            T value = argument(args, type);
            return value == null ? "—" : fn.apply(value);
        };
    }

    private static <T> T argument(List<?> args, Class<T> type) throws TemplateModelException {
        if (args.size() != 1) {
            throw new TemplateModelException("expects one argument, got " + args.size());
        }
        Object arg = args.get(0);
        Object value = arg == null ? null : DeepUnwrap.unwrap((TemplateModel) arg);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new TemplateModelException("expects a " + type.getSimpleName() + ", got "
                    + value.getClass().getSimpleName());
        }
        return type.cast(value);
    }
}
