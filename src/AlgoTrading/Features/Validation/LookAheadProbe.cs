using AlgoTrading.Domain;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Features.Validation;

/// <summary>A value at or before the cut that changed when only data after the cut changed.</summary>
/// <param name="Column">The feature column.</param>
/// <param name="Time">The bar's start (UTC) whose value changed.</param>
/// <param name="Cut">The last bar start (UTC) that was kept unchanged.</param>
/// <param name="Original">The value computed on the original data.</param>
/// <param name="Changed">The value after the future was altered.</param>
/// <param name="Alteration">What was done to the future: truncated or perturbed.</param>
public sealed record LookAheadViolation(string Column, DateTime Time, DateTime Cut, double Original, double Changed, string Alteration)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"look-ahead in '{Column}' at {Time:yyyy-MM-ddTHH:mm:ssZ}: {Original} became {Changed} when the data after {Cut:yyyy-MM-ddTHH:mm:ssZ} was {Alteration}";
}

/// <summary>
/// Proves features use only the past. For several cut points t it recomputes the features (a) on
/// the data truncated after t and (b) on the data with every bar after t perturbed (prices scaled
/// by random factors, volume changed), and requires every value at or before t to be bit-for-bit
/// unchanged. The first offending value in time (then column order) is reported.
/// </summary>
public static class LookAheadProbe
{
    /// <summary>Checks <paramref name="compute"/> on <paramref name="bars"/>; null when no look-ahead was found.</summary>
    /// <param name="compute">Computes features (for labels, the labels' inputs) from bars.</param>
    /// <param name="bars">The data; at least 30 bars.</param>
    /// <param name="cuts">Row indices to cut after; default a third, a half and two thirds through the data.</param>
    /// <param name="seed">Seed of the perturbation.</param>
    public static LookAheadViolation? Check(Func<BarSeries, FeatureMatrix> compute, BarSeries bars, IReadOnlyList<int>? cuts = null, int seed = 17)
    {
        if (bars.Count < 30) throw new ArgumentException("the look-ahead probe needs at least 30 bars");
        var original = compute(bars);
        cuts ??= [bars.Count / 3, bars.Count / 2, 2 * bars.Count / 3];
        foreach (int cut in cuts)
        {
            var truncated = compute(Truncate(bars, cut));
            var violation = Compare(original, truncated, cut, "truncated");
            if (violation is not null) return violation;
            var perturbed = compute(Perturb(bars, cut, new Random(seed + cut)));
            violation = Compare(original, perturbed, cut, "perturbed");
            if (violation is not null) return violation;
        }
        return null;
    }

    private static LookAheadViolation? Compare(FeatureMatrix original, FeatureMatrix altered, int cut, string alteration)
    {
        if (!original.Columns.SequenceEqual(altered.Columns)) throw new InvalidOperationException("the feature function returned different columns for altered data");
        for (int row = 0; row <= cut; row++)
            for (int c = 0; c < original.Columns.Count; c++)
            {
                double a = original[row, c], b = altered[row, c];
                if (a.Equals(b)) continue; // NaN equals NaN here; +0 and -0 differ only if the code did
                return new LookAheadViolation(original.Columns[c], new DateTime(original.Time[row], DateTimeKind.Utc),
                    new DateTime(original.Time[cut], DateTimeKind.Utc), a, b, alteration);
            }
        return null;
    }

    private static BarSeries Truncate(BarSeries bars, int cut)
    {
        var b = new BarSeriesBuilder(bars.Kind, cut + 1);
        for (int i = 0; i <= cut; i++) b.AddFrom(bars, i);
        return b.Build(bars.Instrument, bars.Period);
    }

    private static BarSeries Perturb(BarSeries bars, int cut, Random random)
    {
        var b = new BarSeriesBuilder(bars.Kind, bars.Count);
        for (int i = 0; i < bars.Count; i++)
        {
            if (i <= cut) { b.AddFrom(bars, i); continue; }
            double f = 1 + (random.NextDouble() - 0.5) * 0.1;
            long t = bars.TimeTicks[i];
            if (bars.Kind == BarKind.Quote)
            {
                var (bid, ask) = (bars.Bid!, bars.Ask!);
                b.AddQuote(t, bid.Open[i] * f, bid.High[i] * f, bid.Low[i] * f, bid.Close[i] * f, ask.Open[i] * f, ask.High[i] * f, ask.Low[i] * f, ask.Close[i] * f);
            }
            else
            {
                var p = bars.Trade!;
                b.AddTrade(t, p.Open[i] * f, p.High[i] * f, p.Low[i] * f, p.Close[i] * f, bars.Volume[i] * (1 + random.NextDouble()));
            }
        }
        return b.Build(bars.Instrument, bars.Period);
    }
}
