package org.attnflow.cli;

import picocli.CommandLine.Option;

/** {@code --progress auto|always|never}: the one progress option of every command that can take a while (a picocli mixin). */
final class ProgressOption {
    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto", converter = Converter.class,
            description = "Progress bar with ETA on stderr once a task has lasted " + RunProgress.DELAY_SECONDS + " s: on a terminal only (auto, the default), always, or never.")
    RunProgress.Mode mode;

    static final class Converter extends KeyConverter<RunProgress.Mode> {
        Converter() { super(RunProgress.Mode.class); }
    }
}
