package org.sparsemixerlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Runs one cell (magics already transpiled): splits it into JShell snippets, evaluates them in order,
 * stops at the first compile or runtime error or at an interrupt request, and returns the value of
 * the last snippet when it is an expression not ended by a {@code ;} typed by the user.
 */
final class CellEvaluation {

    private final JShell shell;
    private final CellExecutionControl control;
    private final BooleanSupplier interruptRequested;
    private final MagicsRegistry magics;

    CellEvaluation(JShell shell, CellExecutionControl control, BooleanSupplier interruptRequested,
                   MagicsRegistry magics) {
        this.shell = shell;
        this.control = control;
        this.interruptRequested = interruptRequested;
        this.magics = magics;
    }

    /** Evaluates {@code cell}; returns the value to show, or null for none. */
    Object run(String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = cell;
        int offset = 0;
        Object shown = null;
        while (!rest.isBlank()) {
            if (interruptRequested.getAsBoolean()) {
                throw new CellInterruptedException("Cell interrupted before its remaining statements ran");
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            int start = offset + leadingWhitespace(rest);
            if (!completeness.isComplete()) {
                throw incomplete(cell, start, completeness);
            }
            Object value = evalSnippet(info.source(), cell, start);
            // A ';' typed after the last expression suppresses its value, as in IPython.
            shown = info.source().strip().endsWith(";") ? null : value;
            offset += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        if (interruptRequested.getAsBoolean() && !CellExecutionControl.onCellThread()) {
            String outcome = control.takeInterruptOutcome();
            throw new CellInterruptedException(outcome != null ? outcome : "Cell interrupted");
        }
        return shown;
    }

    private Object evalSnippet(String source, String cell, int start) {
        control.clearLastUserThrowable();
        List<SnippetEvent> events = shell.eval(source);
        Object value = null;
        RuntimeException failure = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Object result = event.value() == null ? CellExecutionControl.NO_RESULT : control.takeResult(event.value());
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                failure = compileError(snippet, cell, start);
            } else if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                failure = unresolved((DeclarationSnippet) snippet, cell, start);
            } else if (event.exception() != null) {
                failure = runtimeError(event);
            } else if (result != CellExecutionControl.NO_RESULT && isValue(snippet)) {
                value = result;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** Expressions and their temp variables have values to show; assignments and declarations do not. */
    private static boolean isValue(Snippet s) {
        return s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private CellCompileException compileError(Snippet snippet, String cell, int start) {
        List<CellCompileException.Diagnostic> out = new ArrayList<>();
        for (Diag d : shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList())) {
            int from = clamp(start + (int) d.getStartPosition(), cell);
            int to = clamp(start + (int) Math.max(d.getStartPosition() + 1, d.getEndPosition()), cell);
            String message = d.getMessage(Locale.ROOT).lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining("\n"));
            out.add(diagnostic(cell, from, to, message));
        }
        if (out.isEmpty()) {
            out.add(diagnostic(cell, clamp(start, cell), clamp(start + 1, cell), "the snippet was rejected"));
        }
        return new CellCompileException(out);
    }

    private CellCompileException unresolved(DeclarationSnippet snippet, String cell, int start) {
        String names = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
        return new CellCompileException(List.of(diagnostic(cell, clamp(start, cell), clamp(start + 1, cell),
                "cannot find symbol: " + names)));
    }

    private static CellCompileException incomplete(String cell, int start, Completeness completeness) {
        return new CellCompileException(List.of(diagnostic(cell, clamp(start, cell), cell.length(),
                "incomplete input (" + completeness.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + "): a statement, block or string is not closed")));
    }

    /** Positions a message at absolute offsets {@code [from, to)} of the cell. */
    static CellCompileException.Diagnostic diagnostic(String cell, int from, int to, String message) {
        int lineStart = from == 0 ? 0 : cell.lastIndexOf('\n', from - 1) + 1;
        int lineEnd = cell.indexOf('\n', from);
        lineEnd = lineEnd < 0 ? cell.length() : lineEnd;
        int line = 1 + (int) cell.substring(0, lineStart).chars().filter(ch -> ch == '\n').count();
        int length = Math.max(1, Math.min(to, lineEnd) - from);
        return new CellCompileException.Diagnostic(line, from - lineStart + 1, length,
                cell.substring(lineStart, lineEnd), message);
    }

    private RuntimeException runtimeError(SnippetEvent event) {
        Throwable thrown = event.exception();
        if (thrown instanceof EvalException) {
            EvalException e = (EvalException) thrown;
            if (CellInterruptedException.class.getName().equals(e.getExceptionClassName())) {
                String outcome = control.takeInterruptOutcome();
                return new CellInterruptedException(outcome != null ? outcome : e.getMessage());
            }
            Throwable original = control.lastUserThrowable();
            if (original != null && !original.getClass().getName().equals(e.getExceptionClassName())) {
                original = null;
            }
            if (interruptRequested.getAsBoolean() && isInterruption(e.getExceptionClassName())) {
                return new CellInterruptedException("Cell interrupted (" + e.getExceptionClassName() + ")");
            }
            RuntimeException magicFailure = original == null ? null
                    : MagicFailures.reportable(original, magics.getLineMagicNames(), magics.getCellMagicNames());
            if (magicFailure != null) {
                return magicFailure;
            }
            return ErrorTraces.fromEval(e, original);
        }
        if (thrown instanceof UnresolvedReferenceException) {
            DeclarationSnippet s = ((UnresolvedReferenceException) thrown).getSnippet();
            String names = shell.unresolvedDependencies(s).collect(Collectors.joining(", "));
            String message = "'" + s.name() + "' cannot run until these are defined: " + names;
            return new CellRuntimeException(UnresolvedReferenceException.class.getName(), message,
                    List.of(UnresolvedReferenceException.class.getSimpleName() + ": " + message), null);
        }
        return new CellRuntimeException(thrown.getClass().getName(), thrown.getMessage(),
                List.of(ErrorTraces.headline(thrown.getClass().getName(), thrown.getMessage())), thrown);
    }

    private static boolean isInterruption(String className) {
        return className.equals(InterruptedException.class.getName())
                || className.equals(CellInterruptedException.class.getName())
                || className.endsWith("InterruptedException") || className.endsWith("ClosedByInterruptException");
    }

    private static int clamp(int position, String cell) {
        return Math.max(0, Math.min(cell.length(), position));
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
