package dev.sitrep.commands.port;

import dev.sitrep.commands.service.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured services, by name (read only: services are configuration, changed by a deploy). */
public interface ServiceCatalog {

    ServiceCatalog NONE = of(List.of());

    Optional<Service> find(String name);

    /** Every service, in the order configured. */
    List<Service> all();

    default List<String> names() {
        return all().stream().map(Service::name).toList();
    }

    /** A catalog of these services; two with the same name are refused. */
    static ServiceCatalog of(List<Service> services) {
        Map<String, Service> byName = new LinkedHashMap<>();
        for (Service service : services) {
            if (byName.putIfAbsent(service.name(), service) != null) {
                throw new IllegalArgumentException("service " + service.name() + " is configured twice");
            }
        }
        List<Service> all = List.copyOf(byName.values());
        return new ServiceCatalog() {
            @Override
            public Optional<Service> find(String name) {
                return Optional.ofNullable(name == null ? null : byName.get(name.strip().toLowerCase(java.util.Locale.ROOT)));
            }

            @Override
            public List<Service> all() {
                return all;
            }
        };
    }
}
