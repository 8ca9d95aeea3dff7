package dev.sitrep.testkit;

import dev.sitrep.commands.port.PageKey;
import dev.sitrep.commands.port.PageRequest;
import dev.sitrep.commands.port.PageResult;
import dev.sitrep.commands.port.Pager;
import dev.sitrep.commands.port.PagingFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Pager} that records every call and keeps the alerts open by dedup key, as PagerDuty does
 * (a trigger with the dedup key of an open alert adds to it rather than opening another). It can
 * refuse for good (a 400) or fail for now (a 5xx after retries) on demand.
 */
public final class RecordingPager implements Pager {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    /** Open alerts by dedup key: how many triggers each got. */
    public final Map<String, Integer> open = new ConcurrentHashMap<>();
    /** Runs inside each trigger before it is taken: a test holds a replica mid-page with it. */
    public volatile Runnable beforeTrigger = () -> {
    };
    private volatile String refusal;
    private volatile int failures;

    /** Every trigger is refused for good with this reason, until {@link #accept()}. */
    public void refuse(String reason) {
        refusal = reason;
    }

    /** The next {@code n} calls fail as a pager that is down (not final: the outbox tries again). */
    public void failNext(int n) {
        failures = n;
    }

    public void accept() {
        refusal = null;
        failures = 0;
    }

    /** The triggers sent, as {@code trigger <dedup key> <severity> <summary>}. */
    public List<String> triggers() {
        return calls.stream().filter(c -> c.startsWith("trigger ")).toList();
    }

    @Override
    public PageResult trigger(PageRequest page) {
        beforeTrigger.run();
        calls.add("trigger " + page.key().dedupKey() + " " + page.severity().word() + " " + page.summary());
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("PagerDuty POST /v2/enqueue answered HTTP 503");
        }
        if (refusal != null) {
            throw new PagingFailure(page.key().service(), "PagerDuty refused the page for " + page.key().service()
                    + ": " + refusal, null);
        }
        open.merge(page.key().dedupKey(), 1, Integer::sum);
        return new PageResult(page.key(), "PagerDuty");
    }

    @Override
    public void acknowledge(PageKey key) {
        calls.add("acknowledge " + key.dedupKey());
    }

    @Override
    public void resolve(PageKey key) {
        calls.add("resolve " + key.dedupKey());
        open.remove(key.dedupKey());
    }
}
