package dev.sitrep.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON for stored records: only record components, never derived is-getters such as isOpen(). */
final class JsonCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .changeDefaultVisibility(v -> v.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            // Older replicas must read what newer ones write during a rolling upgrade.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

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
}
