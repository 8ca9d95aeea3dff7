package dev.sitrep.paging;

import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one {@link Pager} the engine sees: each service goes to the pager configured for it
 * ({@code pagerFor}), and a service nobody pages is a {@link PagingFailure} naming what to configure.
 */
public final class PagerRouter implements Pager {

    private final Function<String, Optional<Pager>> pagerFor;

    public PagerRouter(Function<String, Optional<Pager>> pagerFor) {
        this.pagerFor = pagerFor;
    }

    @Override
    public PageResult trigger(PageRequest page) {
        return pager(page.key()).trigger(page);
    }

    @Override
    public void acknowledge(PageKey key) {
        pager(key).acknowledge(key);
    }

    @Override
    public void resolve(PageKey key) {
        pager(key).resolve(key);
    }

    private Pager pager(PageKey key) {
        return pagerFor.apply(key.service()).orElseThrow(() -> new PagingFailure(key.service(),
                "no pager is configured for service " + key.service() + ": give it a PagerDuty routing key "
                        + "(sitrep.paging.pagerduty.routing-keys." + key.service() + ") or configure the webhook pager "
                        + "(sitrep.paging.webhook.url)", null));
    }
}
