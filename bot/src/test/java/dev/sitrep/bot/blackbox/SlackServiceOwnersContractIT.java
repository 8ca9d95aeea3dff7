package dev.sitrep.bot.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13, a service's owners on Slack, black-box: the jar in Slack HTTP mode with one service
 * configured as the README's "Configure a service" shows (owners by member id AND a Slack user
 * group), against a Web API stand-in whose token holds exactly the bot scopes of
 * integrations/slack/manifest.yml. A user group is expanded with usergroups.users.list (scope
 * usergroups:read, https://api.slack.com/methods/usergroups.users.list) and its members invited
 * with conversations.invite (https://api.slack.com/methods/conversations.invite).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackServiceOwnersContractIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BROADCAST = "C0INCIDENT";
    private static final String SERVICE_BROADCAST = "C0CHECKOUT";
    private static final String GENERAL = "C0GENERAL1";
    private static final String ALICE = "UALICE0001";
    private static final String OWNER = "U024BE7LH";
    private static final String GROUP = "S0614TZR7";
    private static final List<String> GROUP_MEMBERS = List.of("UGRPONE01", "UGRPTWO02", ALICE);

    private BbSlackFake slack;
    private BbBot bot;

    @BeforeAll
    void start() throws Exception {
        slack = new BbSlackFake();
        slack.addChannel(BROADCAST, "incidents", true);
        slack.addChannel(SERVICE_BROADCAST, "checkout-status", true);
        slack.addChannel(GENERAL, "general", false).members.add(ALICE);
        slack.users.addAll(List.of(OWNER, "UGRPONE01", "UGRPTWO02"));
        slack.usergroups.put(GROUP, GROUP_MEMBERS);
        try {
            bot = BbBot.start("slack-owners",
                    Map.of("SLACK_BOT_TOKEN", BbSlackFake.TOKEN, "SLACK_SIGNING_SECRET", BbSlack.SIGNING_SECRET,
                            "SITREP_ALERTS_TOKEN", BbAlerts.TOKEN),
                    List.of("--sitrep.slack.api-url=" + slack.apiUrl(),
                            "--sitrep.slack.broadcast-channel=" + BROADCAST,
                            "--sitrep.services.checkout.display-name=Checkout",
                            "--sitrep.services.checkout.owners.slack.members[0]=" + OWNER,
                            "--sitrep.services.checkout.owners.slack.group=" + GROUP,
                            "--sitrep.services.checkout.runbook=https://runbooks.example.com/checkout",
                            "--sitrep.services.checkout.checklist[0]=Check the payment dashboards",
                            "--sitrep.services.checkout.default-severity=sev1",
                            "--sitrep.services.checkout.broadcast-channel=" + SERVICE_BROADCAST,
                            "--sitrep.alerts.rules[0].name=declare-checkout",
                            "--sitrep.alerts.rules[0].action=declare",
                            "--sitrep.alerts.rules[0].service=checkout",
                            "--sitrep.alerts.rules[0].platform=slack"));
        } catch (Throwable t) {
            slack.close();
            throw t;
        }
    }

    @AfterAll
    void stop() {
        if (bot != null) {
            bot.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void manifestRequestsTheScopeUsergroupsUsersListNeeds() throws Exception {
        // https://api.slack.com/methods/usergroups.users.list : required bot scope usergroups:read
        Set<String> scopes = BbSlackFake.manifestBotScopes();
        assertTrue(scopes.contains("usergroups:read"), "integrations/slack/manifest.yml bot scopes lack usergroups:read: " + scopes);
    }

    @Test
    void startWithServiceInvitesEveryMemberOfTheOwnersUserGroup() throws Exception {
        HttpResponse<String> ack = BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start Payments failing service:checkout");
        assertEquals(200, ack.statusCode(), "slash command acknowledged: " + ack.body());
        BbSlackFake.Channel channel = channel("payments-failing");
        BbWait.untilTrue("the owner by id and every member of user group " + GROUP + " in the incident channel", WAIT,
                () -> channel.members.containsAll(GROUP_MEMBERS) && channel.members.contains(OWNER),
                () -> "members=" + channel.members + "\n" + slack.dump() + "\n--- bot log ---\n" + bot.logTail());
        List<BbSlackFake.Call> lists = slack.calls("usergroups.users.list");
        assertTrue(lists.stream().anyMatch(c -> c.ok() && c.p("usergroup").equals(GROUP)),
                "usergroups.users.list?usergroup=" + GROUP + " answered ok:\n" + slack.dump());
        assertTrue(slack.calls("conversations.invite").stream().allMatch(BbSlackFake.Call::ok),
                "every conversations.invite Slack would accept (no already_in_channel, cant_invite_self, user_not_found):\n" + slack.dump());
    }

    @Test
    void alertDeclaredIncidentOfTheServiceInvitesTheOwnersUserGroup() throws Exception {
        BbSlackFake.Channel channel = alertDeclared();
        BbWait.untilTrue("the owners' user group invited to the alert-declared incident", WAIT,
                () -> channel.members.containsAll(List.of("UGRPONE01", "UGRPTWO02", OWNER)),
                () -> "members=" + channel.members + "\n" + slack.dump());
    }

    @Test
    void alertDeclaredIncidentTakesTheServicesDefaultSeverity() throws Exception {
        BbSlackFake.Channel channel = alertDeclared();
        // issue 13: severity from the rule's label mapping (none here), else the service's default
        // (sev1 here), else sev2; README: the topic is severity · status · commander
        BbWait.untilTrue("the topic set", WAIT, () -> !channel.topic.isEmpty(), slack::dump);
        assertTrue(channel.topic.toUpperCase().startsWith("SEV1"), "alert-declared incident at the service default SEV1: topic=" + channel.topic);
    }

    @Test
    void alertDeclaredIncidentHasNoCommanderYetAndOffersTakeCommand() throws Exception {
        BbSlackFake.Channel channel = alertDeclared();
        BbWait.untilTrue("the kick-off and topic posted", WAIT,
                () -> !channel.topic.isEmpty() && !slack.messagesIn(channel.id).isEmpty(), slack::dump);
        String all = String.join("\n", slack.messagesIn(channel.id).stream().map(BbSlackFake.Message::all).toList());
        // issue 13: the announcement/kick-off must not say "Commander: sitrep" — no commander yet, with Take command
        assertFalse(Pattern.compile("(?i)commander\\W{0,6}(<@" + BbSlackFake.BOT_USER + ">|@?sitrep)").matcher(all + "\n" + channel.topic).find(),
                "no 'Commander: sitrep' on an alert-declared incident: topic=" + channel.topic + "\n" + all);
        assertTrue(slack.messagesIn(channel.id).stream().flatMap(m -> BbSlackFake.buttons(m).stream())
                        .anyMatch(b -> BbSlackFake.buttonText(b).matches("(?i).*take command.*")),
                "the kick-off offers Take command: " + all);
    }

    private BbSlackFake.Channel alertDeclaredChannel;

    /** One Alertmanager notification through a declare rule naming the service; its incident channel. */
    private synchronized BbSlackFake.Channel alertDeclared() throws Exception {
        if (alertDeclaredChannel == null) {
            BbAlerts.Alert alert = new BbAlerts.Alert("CheckoutDown", "critical", "Checkout answers 502", "c0ffee01",
                    "2026-12-02T05:58:00Z", true);
            HttpResponse<String> r = BbAlerts.send(bot, BbAlerts.notification("CheckoutDown", "checkout", "critical",
                    "Checkout answers 502", alert));
            assertEquals(2, r.statusCode() / 100, "notification accepted: " + r.body());
            alertDeclaredChannel = channel("checkout-answers-502");
        }
        return alertDeclaredChannel;
    }

    @Test
    void announcementOfTheServicesIncidentGoesToItsBroadcastChannel() throws Exception {
        HttpResponse<String> ack = BbSlack.slash(bot, slack, ALICE, "alice", GENERAL, "start Card payments declined service:checkout");
        assertEquals(200, ack.statusCode());
        channel("card-payments-declined");
        // issue 13: a service's optional broadcast channel (README: sitrep.services.<name>.broadcast-channel)
        BbWait.untilTrue("an announcement in the service's broadcast channel " + SERVICE_BROADCAST, WAIT,
                () -> slack.messagesIn(SERVICE_BROADCAST).stream().anyMatch(m -> m.all().contains("Card payments declined")),
                () -> slack.dump());
    }

    private BbSlackFake.Channel channel(String slug) {
        return BbWait.until("the incident channel *" + slug + "*", WAIT,
                () -> slack.channels.values().stream().filter(c -> c.name.contains(slug)).findFirst(),
                () -> slack.dump() + "\n--- bot log ---\n" + bot.logTail());
    }
}
