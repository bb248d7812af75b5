package org.sparsemixerlab.workshop;

import org.sparsemixerlab.render.HtmlDisplay;
import org.sparsemixerlab.render.HtmlTable;

/**
 * The verdict of one exercise check. A failed report names the first failing case: its input, the
 * expected and the received answer, and a hint saying in plain words what is probably wrong.
 *
 * @param exercise the exercise's name as shown to the participant
 * @param status passed, failed, or not done yet (the stub is still in place)
 * @param casesPassed cases that agreed with the library before the first failure (all on a pass)
 * @param casesTotal cases the checker would run
 * @param input the failing case's input (empty unless failed)
 * @param expected the library's answer for that input (empty unless failed)
 * @param received the participant's answer (empty unless failed)
 * @param hint what to look at, in plain words (empty on a pass)
 */
public record CheckReport(String exercise, Status status, int casesPassed, int casesTotal, String input,
        String expected, String received, String hint) implements HtmlDisplay {

    /** Outcome of a check. */
    public enum Status { PASSED, FAILED, NOT_DONE }

    static CheckReport pass(String exercise, int cases) {
        return new CheckReport(exercise, Status.PASSED, cases, cases, "", "", "", "");
    }

    static CheckReport notDone(String exercise, int cases, String hint) {
        return new CheckReport(exercise, Status.NOT_DONE, 0, cases, "", "", "", hint);
    }

    static CheckReport fail(String exercise, int passed, int cases, String input, String expected, String received,
            String hint) {
        return new CheckReport(exercise, Status.FAILED, passed, cases, input, expected, received, hint);
    }

    /** True when every case agreed with the library. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Plain-text form, as printed by a notebook without HTML. */
    public String text() {
        return switch (status) {
            case PASSED -> "PASSED " + exercise + ": all " + casesTotal + " cases agree with the library.";
            case NOT_DONE -> "NOT DONE YET " + exercise + ": " + hint;
            case FAILED -> "FAILED " + exercise + " (" + casesPassed + " of " + casesTotal + " cases passed before this one)\n"
                    + "  input:    " + input + "\n"
                    + "  expected: " + expected + "\n"
                    + "  received: " + received + "\n"
                    + "  hint:     " + hint;
        };
    }

    /** HTML form: a coloured verdict line and, on a failure, a small table of the failing case. */
    public String html() {
        String colour = switch (status) {
            case PASSED -> "#1a7f37";
            case NOT_DONE -> "#9a6700";
            case FAILED -> "#cf222e";
        };
        String verdict = switch (status) {
            case PASSED -> "&#10004; " + HtmlTable.escape(exercise) + ": all " + casesTotal + " cases agree with the library.";
            case NOT_DONE -> "&#9998; " + HtmlTable.escape(exercise) + ": not done yet. " + HtmlTable.escape(hint);
            case FAILED -> "&#10008; " + HtmlTable.escape(exercise) + ": " + casesPassed + " of " + casesTotal
                    + " cases passed, then this one failed.";
        };
        StringBuilder sb = new StringBuilder("<div class=\"sml-check\" style=\"border-left:4px solid ").append(colour)
                .append(";padding:4px 10px\"><div style=\"color:").append(colour).append(";font-weight:bold\">")
                .append(verdict).append("</div>");
        if (status == Status.FAILED) {
            sb.append("<table style=\"font-family:monospace\">");
            row(sb, "input", input);
            row(sb, "expected", expected);
            row(sb, "received", received);
            sb.append("</table><div><b>Hint:</b> ").append(HtmlTable.escape(hint)).append("</div>");
        }
        return sb.append("</div>").toString();
    }

    @Override
    public String toString() {
        return text();
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><td style=\"padding-right:1em\">").append(name).append("</td><td>").append(HtmlTable.escape(value))
                .append("</td></tr>");
    }
}
