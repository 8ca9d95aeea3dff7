package dev.sitrep.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times on the status page as customers read them, in the dashboard's zone (public: the template calls it). */
public final class StatusTimes {

    private final DateTimeFormatter format;

    StatusTimes(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT).withZone(zone);
    }

    public String at(Instant instant) {
        return format.format(instant);
    }
}
