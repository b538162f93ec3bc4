package org.attnflow.io;

/**
 * A user-input error: a bad scenario file, a bad option, an output directory that may not be written. Its message
 * is one line meant for the user as it stands; the command line prints {@code attnflow: <message>} on stderr and
 * exits with status 2, without a stack trace. Every user-input error anywhere in attnflow is one of these.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(oneLine(message));
    }

    public InputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Keeps the promise of one line even when a message quotes text that holds line breaks. */
    private static String oneLine(String message) {
        return message == null ? "invalid input" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
