package dev.sitrep.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The startup profile's reading of {@code /actuator/startup}: a step's own time excludes its children's. */
class StartupProfileTest {

    private static final String TIMELINE = """
            {"springBootVersion":"4.1.2","timeline":{"startTime":"2026-12-02T06:00:00Z","events":[
              {"duration":"PT0.3S","startupStep":{"name":"spring.beans.instantiate","id":2,"parentId":1,
                "tags":[{"key":"beanName","value":"slackApp"}]}},
              {"duration":0.05,"startupStep":{"name":"spring.beans.instantiate","id":3,"parentId":1,
                "tags":[{"key":"beanName","value":"dashboard"}]}},
              {"duration":"PT0.5S","startupStep":{"name":"spring.beans.instantiate","id":1,"parentId":0,
                "tags":[{"key":"beanName","value":"engine"}]}},
              {"duration":"PT1S","startupStep":{"name":"spring.context.refresh","id":0,"tags":[]}}]}}
            """;

    @Test
    void eachStepIsCountedWithItsOwnTimeOnlyHeaviestFirst() {
        List<StartupProfile.Step> steps = StartupProfile.heaviest(TIMELINE, 3);

        assertThat(steps).extracting(StartupProfile.Step::name).containsExactly("spring.context.refresh",
                "spring.beans.instantiate slackApp", "spring.beans.instantiate engine");
        assertThat(steps).extracting(StartupProfile.Step::selfMillis).containsExactly(500.0, 300.0, 150.0);
    }
}
