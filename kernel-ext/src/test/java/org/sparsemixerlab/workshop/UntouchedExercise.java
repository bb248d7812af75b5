package org.sparsemixerlab.workshop;

/**
 * What a participant's exercise cell throws before it is edited: the course notebooks ship each
 * exercise as a lambda that throws {@link UnsupportedOperationException}, and the checkers must
 * report that as "not done yet" rather than as a failure. Tests use this to stand in for that cell.
 */
final class UntouchedExercise {
    private UntouchedExercise() {}

    static UnsupportedOperationException thrown() {
        return new UnsupportedOperationException("exercise cell not edited yet, as shipped in the notebook");
    }
}
