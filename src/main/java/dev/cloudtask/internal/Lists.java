package dev.cloudtask.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Null-safe immutable copies for response records: a missing list or map becomes empty. */
public final class Lists {
    private Lists() {
    }

    /** An immutable copy without null elements; empty for null. */
    public static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    /** An immutable copy without null keys or values; empty for null. */
    public static <K, V> Map<K, V> copy(Map<K, V> map) {
        if (map == null) {
            return Map.of();
        }
        return map.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
