package dev.sitrep.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.sitrep.commands.message.Message;
import dev.sitrep.commands.port.Effect;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** JSON for stored records: only record components, never derived is-getters such as isOpen(). */
final class JsonCodec {

    private final JsonMapper mapper = builder().build();

    /**
     * Effects and the messages in them are interfaces: their JSON names the record, and only the
     * domain's own records may be named, so a stored value can never pick an arbitrary class.
     */
    private final JsonMapper typed = builder()
            .addMixIn(Effect.class, Typed.class)
            .addMixIn(Message.class, Typed.class)
            .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                    .allowIfSubType("dev.sitrep.commands.").build())
            .build();

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .changeDefaultVisibility(v -> v.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
                // Older replicas must read what newer ones write during a rolling upgrade.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = "@type")
    private interface Typed {
    }

    String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    <T> T read(String json, Class<T> type) {
        return mapper.readValue(json, type);
    }

    JsonNode tree(String json) {
        return mapper.readTree(json);
    }

    <T> T read(JsonNode json, Class<T> type) {
        return mapper.treeToValue(json, type);
    }

    <T> String writeTyped(T value, Class<T> type) {
        return typed.writerFor(type).writeValueAsString(value);
    }

    <T> T readTyped(String json, Class<T> type) {
        return typed.readValue(json, type);
    }
}
