package dev.sitrep.discord;

import dev.sitrep.commands.Argument;
import dev.sitrep.commands.Verb;
import dev.sitrep.commands.port.ServiceCatalog;
import dev.sitrep.commands.service.Service;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Suggests configured services while someone types a {@code service} option: Discord sends an
 * APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) per keystroke and wants an
 * APPLICATION_COMMAND_AUTOCOMPLETE_RESULT (type 8) with at most 25 choices
 * (https://discord.com/developers/docs/interactions/application-commands#autocomplete). Nothing is
 * stored and nothing runs, so it answers straight from the catalog on JDA's thread.
 */
public final class ServiceAutocomplete extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAutocomplete.class);
    /** https://discord.com/developers/docs/interactions/application-commands#autocomplete: "max of 25 choices". */
    static final int MAX_CHOICES = 25;
    /** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-option-choice-structure */
    private static final int MAX_CHOICE_NAME = 100;

    private final ServiceCatalog services;

    public ServiceAutocomplete(ServiceCatalog services) {
        this.services = services;
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!IncidentSlashCommand.NAME.equals(event.getName()) || !isService(event.getSubcommandName(),
                event.getFocusedOption().getName())) {
            return;
        }
        event.replyChoices(choices(event.getFocusedOption().getValue())).queue(null,
                refused -> LOG.info("Discord autocomplete {} not answered: {}", event.getId(), refused.toString()));
    }

    private static boolean isService(String subcommand, String option) {
        return subcommand != null && Verb.of(subcommand).map(verb -> verb.arguments().stream()
                .anyMatch(a -> a.kind() == Argument.Kind.SERVICE && a.name().equals(option))).orElse(false);
    }

    /**
     * The services whose name or display name starts with what was typed, then those that contain it,
     * each in the order of their names, shown as "Checkout (checkout)" with the name as the value; at most
     * {@value #MAX_CHOICES}.
     */
    List<Command.Choice> choices(String typed) {
        String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        List<Service> byName = services.all().stream().sorted(java.util.Comparator.comparing(Service::name)).toList();
        List<Service> starting = byName.stream().filter(s -> startsWith(s, query)).toList();
        List<Service> containing = byName.stream().filter(s -> !startsWith(s, query) && contains(s, query)).toList();
        return java.util.stream.Stream.concat(starting.stream(), containing.stream()).limit(MAX_CHOICES)
                .map(s -> new Command.Choice(label(s), s.name())).toList();
    }

    private static boolean startsWith(Service service, String query) {
        return service.name().startsWith(query) || service.displayName().toLowerCase(Locale.ROOT).startsWith(query);
    }

    private static boolean contains(Service service, String query) {
        return service.name().contains(query) || service.displayName().toLowerCase(Locale.ROOT).contains(query);
    }

    private static String label(Service service) {
        String label = service.displayName().equals(service.name()) ? service.name()
                : service.displayName() + " (" + service.name() + ")";
        return DiscordMessage.limit(label, MAX_CHOICE_NAME);
    }
}
