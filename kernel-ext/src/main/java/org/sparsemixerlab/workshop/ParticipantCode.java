package org.sparsemixerlab.workshop;

import java.util.function.Supplier;

/**
 * Calls a participant's function and turns what can go wrong (a stub that still throws {@link
 * UnsupportedOperationException}, another exception, a null result) into a short explanation
 * instead of an error in the notebook.
 */
final class ParticipantCode {
    private ParticipantCode() {}

    /** The outcome of one call: a value, or a message saying why there is none. */
    record Call<T>(T value, String problem, boolean stub) {
        boolean ok() {
            return problem == null;
        }
    }

    static <T> Call<T> call(Supplier<T> body) {
        try {
            T value = body.get();
            if (value == null) {
                return new Call<>(null, "your function returned null", false);
            }
            return new Call<>(value, null, false);
        } catch (UnsupportedOperationException e) {
            return new Call<>(null, "the exercise cell still holds the stub (" + e.getMessage() + ")", true);
        } catch (RuntimeException e) {
            return new Call<>(null, "your function threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), false);
        }
    }

    static String stubHint() {
        return "the exercise cell still throws UnsupportedOperationException. Replace the body marked TODO with "
                + "your code, run that cell, then run this check again.";
    }
}
