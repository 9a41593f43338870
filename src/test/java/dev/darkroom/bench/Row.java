package dev.darkroom.bench;

/**
 * One line of the results table.
 *
 * @param scenario what was measured
 * @param figure   what came out
 * @param goal     what the figure should reach
 * @param ratio    the figure against its ceiling or goal
 * @param met      yes, no, or a dash where there is no goal
 * @param how      how it was measured, in a few words
 */
record Row(String scenario, String figure, String goal, String ratio, String met, String how) {

    static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    /** A scenario that could not produce its figure: the page says why instead. */
    static Row failed(String scenario, String goal, String why) {
        return new Row(scenario, "not measured: " + why, goal, "—", "**no**", "");
    }

    String markdown() {
        return "| " + String.join(" | ", cell(scenario), cell(figure), cell(goal), cell(ratio), cell(met), cell(how))
                + " |";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
