package org.attnflow.cli;

import org.attnflow.model.Keys;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an option value as an enum constant by its scenario-file style name ({@link Keys}: "npy", "auto"). */
class KeyConverter<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    KeyConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        try {
            return Keys.lookup(type, value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
