package dev.sitrep.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sitrep.commands.incident.IncidentId;
import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import dev.sitrep.http.OutboundPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagerRouterTest {

    @Test
    void eachServiceGoesToItsPagerAndAServiceNobodyPagesIsNamedWithWhatToConfigure() throws Exception {
        String routingKey = "R0123456789abcdef0123456789abcde";
        try (FakePagerDuty pagerDuty = new FakePagerDuty()) {
            PagerDutyPager pd = new PagerDutyPager(pagerDuty.url(), Map.of("checkout", routingKey),
                    OutboundPolicy.of(2, Duration.ofMillis(10), Duration.ofSeconds(30)));
            Pager router = new PagerRouter(service -> pd.serves(service) ? Optional.of(pd) : Optional.empty());

            router.resolve(new PageKey(new IncidentId(3), "checkout"));
            assertThat(pagerDuty.requests()).hasSize(1);

            assertThatThrownBy(() -> router.resolve(new PageKey(new IncidentId(3), "search")))
                    .isInstanceOf(PagingFailure.class)
                    .hasMessageContaining("no pager is configured for service search")
                    .hasMessageContaining("sitrep.paging.pagerduty.routing-keys.search");
            assertThat(pagerDuty.requests()).hasSize(1);
        }
    }
}
