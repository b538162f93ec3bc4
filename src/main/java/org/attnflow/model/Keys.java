package org.attnflow.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The names scenario files use for enum constants: the constant's name in lower case with '-' for '_'
 * ({@code EULER_POSTLN} is "euler-postln"). One rule, so that no enum keeps a second copy of its names.
 */
public final class Keys {
    private Keys() {}

    public static String of(Enum<?> e) { return e.name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** The constant named {@code key}; an error listing the valid names otherwise ({@link #unknown}). */
    public static <E extends Enum<E>> E lookup(Class<E> type, String key) {
        E e = find(type, key);
        if (e == null) throw new IllegalArgumentException(unknown(type, key));
        return e;
    }

    /** The constant named {@code key}, or null. */
    public static <E extends Enum<E>> E find(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(key)) return e;
        }
        return null;
    }

    /** The message for a name that is not one of {@code type}'s: "'gpu' is not one of auto|scalar|simd". */
    public static String unknown(Class<? extends Enum<?>> type, String key) {
        return "'" + key + "' is not one of " + choices(type);
    }

    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keys::of).collect(Collectors.joining("|"));
    }
}
