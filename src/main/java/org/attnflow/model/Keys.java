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

    /** The constant named {@code key}; an error listing the valid names otherwise. */
    public static <E extends Enum<E>> E lookup(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(key)) return e;
        }
        throw new IllegalArgumentException("'" + key + "' is not one of " + choices(type));
    }

    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keys::of).collect(Collectors.joining("|"));
    }
}
