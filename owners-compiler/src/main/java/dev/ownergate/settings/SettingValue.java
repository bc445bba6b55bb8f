package dev.ownergate.settings;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A setting's value as written in {@code .github/ownergate.yml} and on the command line. */
interface SettingValue {

    String yaml();

    static <E extends Enum<E> & SettingValue> Optional<E> fromYaml(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(v -> v.yaml().equals(text)).findFirst();
    }

    /** {@code find-owners, one-folder, simple} */
    static <E extends Enum<E> & SettingValue> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SettingValue::yaml).collect(Collectors.joining(", "));
    }
}
