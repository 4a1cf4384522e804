using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Synthetic;

namespace AlgoTrading.Tests.Unit;

public class ValidationTests
{
    private static readonly ValidationOptions ReportAll = new ValidationOptions { Policy = ValidationPolicy.Drop }.WithSpikes(ValidationPolicy.Drop);
    private static DateTime T(int minute) => Utc(2024, 1, 2, 10, minute);

    private static BarSeries Good(int n = 5) =>
        Trade(BarPeriod.M1, Enumerable.Range(0, n).Select(i => (T(i), 1.0, 1.2, 0.9, 1.1)).ToArray());

    [Fact]
    public void Clean_data_passes_unchanged()
    {
        var (clean, report) = MarketDataValidator.Validate(Good(), new ValidationOptions());
        Assert.True(report.IsClean);
        Assert.Equal(5, clean.Count);
    }

    [Theory]
    [InlineData(double.NaN, 1.2, 0.9, 1.1, ValidationIssue.MissingValue)]
    [InlineData(1.0, 1.2, 0.0, 1.1, ValidationIssue.NonPositivePrice)]
    [InlineData(1.0, 0.9, 1.2, 1.1, ValidationIssue.HighBelowLow)]
    [InlineData(1.3, 1.2, 0.9, 1.1, ValidationIssue.OpenOutsideRange)]
    [InlineData(1.0, 1.2, 0.9, 0.8, ValidationIssue.CloseOutsideRange)]
    public void Each_value_issue_is_found_on_its_row(double o, double h, double l, double c, ValidationIssue expected)
    {
        var bars = Trade(BarPeriod.M1, (T(0), 1.0, 1.2, 0.9, 1.1), (T(1), o, h, l, c), (T(2), 1.0, 1.2, 0.9, 1.1));
        var (clean, report) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([expected], report.Rows.Keys);
        Assert.Equal([1], report.Rows[expected]); // row index: no source lines
        Assert.Equal(2, clean.Count);
        Assert.Equal(1, report.Dropped);
    }

    [Fact]
    public void Crossed_quote_is_found_and_cannot_be_repaired()
    {
        var b = new BarSeriesBuilder(BarKind.Quote);
        b.AddQuote(T(0).Ticks, 1.1, 1.2, 1.0, 1.1, 1.1002, 1.2002, 1.0002, 1.1002, sourceLine: 2);
        b.AddQuote(T(1).Ticks, 1.1, 1.2, 1.0, 1.1, 1.0999, 1.2002, 1.0002, 1.1002, sourceLine: 3); // ask open < bid open
        var (clean, report) = MarketDataValidator.Validate(b.Build("EUR_USD", BarPeriod.M1), new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal([3], report.Rows[ValidationIssue.CrossedQuote]);
        Assert.True(report.PositionsAreLines);
        Assert.Equal(1, clean.Count);
    }

    [Fact]
    public void Fail_policy_names_source_line_and_reason()
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        b.AddTrade(T(0).Ticks, 1, 1.2, 0.9, 1.1, 0, sourceLine: 2);
        b.AddTrade(T(1).Ticks, 1, 0.9, 1.2, 1.1, 0, sourceLine: 3);
        var e = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(b.Build("X", BarPeriod.M1), new ValidationOptions(), "prices.csv"));
        Assert.StartsWith("prices.csv:3: high: ", e.Message);
        Assert.Contains("high_below_low", e.Message);
    }

    [Fact]
    public void Repair_fixes_what_can_be_fixed_honestly()
    {
        var bars = Trade(BarPeriod.M1,
            (T(0), 1.0, 1.2, 0.9, 1.1),
            (T(1), double.NaN, 1.3, 1.0, double.NaN), // open, close forward-filled from 1.1
            (T(2), 1.0, 0.9, 1.2, 1.1),               // high/low swapped
            (T(3), 1.25, 1.2, 0.9, 1.1));             // open above high: high widened
        var (clean, report) = MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal(4, clean.Count);
        Assert.Equal(3, report.Repaired);
        Assert.Equal(new Ohlc(1.1, 1.3, 1.0, 1.1), clean.Trade![1]);
        Assert.Equal(new Ohlc(1.0, 1.2, 0.9, 1.1), clean.Trade[2]);
        Assert.Equal(new Ohlc(1.25, 1.25, 0.9, 1.1), clean.Trade[3]);
    }

    [Fact]
    public void Missing_value_on_the_first_row_cannot_be_forward_filled()
    {
        var bars = Trade(BarPeriod.M1, (T(0), double.NaN, 1.2, 0.9, 1.1), (T(1), 1.0, 1.2, 0.9, 1.1));
        var (clean, report) = MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal(1, clean.Count);
        Assert.Equal(1, report.Dropped);
    }

    [Fact]
    public void Duplicates_keep_first_under_drop_and_last_under_repair()
    {
        var bars = Trade(BarPeriod.M1, (T(0), 1.0, 1.2, 0.9, 1.1), (T(1), 1.0, 1.2, 0.9, 1.1), (T(1), 1.1, 1.3, 1.0, 1.2), (T(2), 1.0, 1.2, 0.9, 1.1));
        var (dropped, r1) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([2], r1.Rows[ValidationIssue.DuplicateTimestamp]);
        Assert.Equal(1.1, dropped.Trade!.Close[1]);
        var (repaired, _) = MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal(3, repaired.Count);
        Assert.Equal(1.2, repaired.Trade!.Close[1]);
    }

    [Fact]
    public void Out_of_order_rows_are_dropped_or_sorted_into_place()
    {
        var bars = Trade(BarPeriod.M1, (T(0), 1, 1, 1, 1), (T(2), 2, 2, 2, 2), (T(1), 3, 3, 3, 3), (T(3), 4, 4, 4, 4));
        var (dropped, r1) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([2], r1.Rows[ValidationIssue.OutOfOrder]);
        Assert.Equal([1.0, 2, 4], dropped.Trade!.Close.ToArray());
        var (sorted, r2) = MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal([1.0, 3, 2, 4], sorted.Trade!.Close.ToArray());
        Assert.Equal([T(0).Ticks, T(1).Ticks, T(2).Ticks, T(3).Ticks], sorted.TimeTicks.ToArray());
        Assert.Equal(1, r2.Repaired);
    }

    [Fact]
    public void Per_issue_override_beats_the_default_policy()
    {
        var bars = Trade(BarPeriod.M1, (T(0), 1.0, 1.2, 0.9, 1.1), (T(0), 1.0, 1.2, 0.9, 1.1));
        var options = new ValidationOptions { Policy = ValidationPolicy.Fail, Overrides = new Dictionary<ValidationIssue, ValidationPolicy> { [ValidationIssue.DuplicateTimestamp] = ValidationPolicy.Drop } };
        var (clean, report) = MarketDataValidator.Validate(bars, options);
        Assert.Equal(1, clean.Count);
        Assert.Equal(1, report.CountsByReason["duplicate_timestamp"]);
    }

    private static BarSeries RandomWalk(int n, int seed, Func<int, double, double>? edit = null)
    {
        var rng = new Random(seed);
        var rows = new List<(DateTime, double, double, double, double)>();
        double p = 100;
        for (int i = 0; i < n; i++)
        {
            p *= Math.Exp(0.001 * (rng.NextDouble() - 0.5));
            double c = edit?.Invoke(i, p) ?? p;
            rows.Add((T(0).AddMinutes(i), c, c, c, c));
        }
        return Trade(BarPeriod.M1, [.. rows]);
    }

    [Fact]
    public void Spike_is_flagged_but_the_recovery_and_a_level_shift_are_not()
    {
        // Row 300 jumps 5 % and comes straight back; from row 600 the level moves 5 % for good.
        var bars = RandomWalk(900, 7, (i, p) => i == 300 ? p * 1.05 : i >= 600 ? p * 1.05 : p);
        var (clean, report) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([300, 600], report.Rows[ValidationIssue.Spike]);
        Assert.Equal(898, clean.Count);
    }

    // A quote series long enough to be checked on two cores (MarketDataValidator.ParallelRows), with a spike at row
    // 300 and a level shift from row 600 on the mid; edit changes a row's bid and ask.
    private static BarSeries LargeQuotes(Action<int, double[], double[]>? edit = null)
    {
        int n = MarketDataValidator.ParallelRows + 1000;
        var rng = new Random(3);
        var b = new BarSeriesBuilder(BarKind.Quote);
        double p = 1.1;
        for (int i = 0; i < n; i++)
        {
            p *= Math.Exp(0.0001 * (rng.NextDouble() - 0.5));
            double c = i == 300 || i >= 600 ? p * 1.05 : p;
            double[] bid = [c, c, c, c], ask = [c + 0.0002, c + 0.0002, c + 0.0002, c + 0.0002];
            edit?.Invoke(i, bid, ask);
            b.AddQuote(T(0).AddMinutes(i).Ticks, bid[0], bid[1], bid[2], bid[3], ask[0], ask[1], ask[2], ask[3]);
        }
        return b.Build("EUR_USD", BarPeriod.M1);
    }

    [Fact]
    public void A_large_clean_series_gets_the_spike_verdicts_of_the_scan_that_ran_beside_the_clean_check()
    {
        var bars = LargeQuotes();
        var (clean, report) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([300, 600], report.Rows[ValidationIssue.Spike]);
        Assert.Single(report.Rows);
        Assert.Equal((bars.Count - 2, 2), (clean.Count, report.Dropped));
        var failOnSpikes = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(bars, new ValidationOptions().WithSpikes(ValidationPolicy.Fail)));
        Assert.Contains("row 300", failOnSpikes.Message);
    }

    [Fact]
    public void A_large_series_with_a_bad_row_on_one_side_is_decided_row_by_row_and_the_early_spike_scan_is_dropped()
    {
        // A missing bid close at row 5000: only the bid side's check (on the other core) sees it. The row-by-row pass
        // drops the row and still finds the two spikes.
        var bars = LargeQuotes((i, bid, ask) => { if (i == 5000) bid[3] = double.NaN; });
        var (clean, report) = MarketDataValidator.Validate(bars, ReportAll);
        Assert.Equal([5000], report.Rows[ValidationIssue.MissingValue]);
        Assert.Equal([300, 600], report.Rows[ValidationIssue.Spike]);
        Assert.Equal(2, report.Rows.Count);
        Assert.Equal(bars.Count - 3, clean.Count);
        // Under the fail policy the row checks come first, as for a short series: the missing close at row 5000 stops the
        // run, not the spike at row 300 that the early scan met.
        var failed = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(bars, new ValidationOptions().WithSpikes(ValidationPolicy.Fail)));
        Assert.Contains("row 5000", failed.Message);
    }

    [Fact]
    public void Spikes_are_kept_by_default_because_real_jumps_look_the_same()
    {
        var bars = RandomWalk(900, 7, (i, p) => i == 300 ? p * 1.05 : i >= 600 ? p * 1.05 : p);
        var (clean, report) = MarketDataValidator.Validate(bars, new ValidationOptions());
        Assert.Equal([300, 600], report.Rows[ValidationIssue.Spike]);
        Assert.Equal(900, clean.Count);
        Assert.Equal(0, report.Dropped);
    }

    [Fact]
    public void A_return_off_a_kept_spike_does_not_feed_the_volatility_estimate()
    {
        // Worked by hand: log returns of +-a give a variance of a^2 (warm-up 4, half-life 1 bar: lambda = 0.5).
        // Row 11 jumps 5 % (a spike, kept: spikes are report-only by default); row 12 comes back to the last
        // good close, so it is no spike, and its return must not enter the estimate: clipped at the limit it
        // would make the variance 0.5 a^2 + 0.5 (12 a)^2 = 72.5 a^2 and row 13's 20 a move (the limit is 12 a)
        // would pass unflagged.
        const double a = 0.001;
        double[] logReturns = [a, -a, a, -a, a, -a, a, -a, a, -a, 0.05, -0.05, 20 * a, -a, a];
        var rows = new (DateTime, double, double, double, double)[logReturns.Length + 1];
        double price = 1.1;
        rows[0] = (T(0), price, price, price, price);
        for (int i = 0; i < logReturns.Length; i++)
        {
            price *= Math.Exp(logReturns[i]);
            rows[i + 1] = (T(i + 1), price, price, price, price);
        }
        var (clean, report) = MarketDataValidator.Validate(Trade(BarPeriod.M1, rows), new ValidationOptions { SpikeWarmup = 4, SpikeHalfLife = 1 });
        Assert.Equal([11, 13], report.Rows[ValidationIssue.Spike]);
        Assert.Equal(rows.Length, clean.Count);
    }

    [Fact]
    public void Keep_reports_without_changing_anything()
    {
        var bars = Trade(BarPeriod.M1, (T(0), 1.0, 1.2, 0.9, 1.1), (T(2), 1.0, 0.9, 1.2, 1.1), (T(1), double.NaN, 1.2, 0.9, 1.1), (T(2), 1.3, 1.2, 0.9, 1.1));
        var (clean, report) = MarketDataValidator.Validate(bars, ValidationOptions.ReportOnly);
        Assert.Equal(4, clean.Count);
        Assert.Equal((0, 0), (report.Dropped, report.Repaired));
        Assert.Equal(bars.Trade!.High.ToArray(), clean.Trade!.High.ToArray());
        Assert.Equal(["missing_value", "high_below_low", "open_outside_range", "out_of_order"], report.CountsByReason.Keys);
    }

    [Fact]
    public void Spike_decisions_do_not_look_ahead()
    {
        var original = RandomWalk(800, 11, (i, p) => i == 300 ? p * 1.05 : p);
        var changedFuture = RandomWalk(800, 11, (i, p) => i == 300 ? p * 1.05 : i > 400 ? p * (1 + 0.03 * Math.Sin(i)) : p);
        var a = MarketDataValidator.Validate(original, ReportAll).Report.Rows[ValidationIssue.Spike].Where(r => r <= 400);
        var b = MarketDataValidator.Validate(changedFuture, ReportAll).Report.Rows[ValidationIssue.Spike].Where(r => r <= 400);
        Assert.Equal(a, b);
        Assert.Contains(300, a);
    }

    [Fact]
    public void Ticks_report_crossed_and_duplicate_quotes()
    {
        var b = new TickSeriesBuilder();
        b.Add(T(0).Ticks, 1.1, 1.1002, 2);
        b.Add(T(0).Ticks, 1.1001, 1.1003, 3);
        b.Add(T(1).Ticks, 1.1004, 1.1001, 4);
        var (clean, report) = MarketDataValidator.Validate(b.Build("EUR_USD"), new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal([3], report.Rows[ValidationIssue.DuplicateTimestamp]);
        Assert.Equal([4], report.Rows[ValidationIssue.CrossedQuote]);
        Assert.Equal(1, clean.Count);
        Assert.Equal(1.1001, clean.Bid[0]); // the later duplicate won
    }

    [Fact]
    public void Clean_rows_are_judged_in_one_pass_exactly_as_the_row_by_row_pass_judges_them()
    {
        // Quote bars with three 4 % jumps on both sides (spikes, within the implausible-jump factor).
        var generated = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(20_000));
        var b = new BarSeriesBuilder(BarKind.Quote);
        for (int i = 0; i < generated.Count; i++)
        {
            double f = i is 5_000 or 9_000 or 15_000 ? 1.04 : 1;
            var (bid, ask) = (generated.Bid!, generated.Ask!);
            b.AddQuote(generated.TimeTicks[i], bid.Open[i] * f, bid.High[i] * f, bid.Low[i] * f, bid.Close[i] * f,
                ask.Open[i] * f, ask.High[i] * f, ask.Low[i] * f, ask.Close[i] * f);
        }
        var clean = b.Build("EUR_USD", BarPeriod.M1);
        // The same rows plus a repeat of the last timestamp: one row to drop, so every row goes through the row-by-row pass.
        var withDuplicate = new BarSeriesBuilder(BarKind.Quote);
        for (int i = 0; i < clean.Count; i++) withDuplicate.AddFrom(clean, i);
        withDuplicate.AddFrom(clean, clean.Count - 1);
        var slowInput = withDuplicate.Build("EUR_USD", BarPeriod.M1);

        var (fast, fastReport) = MarketDataValidator.Validate(clean, ReportAll);
        var (slow, slowReport) = MarketDataValidator.Validate(slowInput, ReportAll);
        Assert.Equal([5_000, 9_000, 15_000], fastReport.Rows[ValidationIssue.Spike]);
        Assert.Equal(fastReport.Rows[ValidationIssue.Spike], slowReport.Rows[ValidationIssue.Spike]);
        Assert.Equal([clean.Count], slowReport.Rows[ValidationIssue.DuplicateTimestamp]);
        Assert.Equal(clean.Count - 3, fast.Count);
        Assert.Equal(slow.TimeTicks.ToArray(), fast.TimeTicks.ToArray());
        foreach (var side in new[] { PriceSource.Bid, PriceSource.Ask })
        {
            Assert.Equal(slow.Prices(side).Open.ToArray(), fast.Prices(side).Open.ToArray());
            Assert.Equal(slow.Prices(side).Close.ToArray(), fast.Prices(side).Close.ToArray());
        }

        // Spikes kept (the default): the clean series is the input itself, not a copy.
        var (kept, keptReport) = MarketDataValidator.Validate(clean, new ValidationOptions());
        Assert.Same(clean, kept);
        Assert.Equal([5_000, 9_000, 15_000], keptReport.Rows[ValidationIssue.Spike]);
    }
}
