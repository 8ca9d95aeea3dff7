package dev.sitrep.bot.bench;

/**
 * One line of the benchmark table: a figure measured today, the reference it is held against (a
 * bare Bolt app measured in the same run, a figure of the same run, or the bound), and the
 * goal for today ÷ reference.
 *
 * @param figure    what was measured, with its unit: {@code "Slack ack median (ms)"}
 * @param today     the value measured in this run
 * @param reference the value it is compared with; {@code NaN} when there is none (no ratio printed)
 * @param against   what the reference is: {@code "bare Bolt"}, {@code "issue bound"}, …
 * @param goal      the goal for the ratio, as text: {@code "≤ 1.1"}; empty when there is none
 */
public record Row(String figure, double today, double reference, String against, String goal) {

    /** A figure held against a reference. */
    public static Row of(String figure, double today, double reference, String against, String goal) {
        return new Row(figure, today, reference, against, goal);
    }

    /** A figure printed for information, with nothing to compare it with. */
    public static Row info(String figure, double today) {
        return new Row(figure, today, Double.NaN, "", "");
    }

    public double ratio() {
        return Double.isNaN(reference) || reference == 0 ? Double.NaN : today / reference;
    }
}
