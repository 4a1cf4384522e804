using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Synthetic;

/// <summary>
/// Makes realistic, reproducible bid/ask bars for demos and tests without any data file. Output is
/// SYNTHETIC: it has the statistical shape of a market, not its history.
/// <list type="bullet">
/// <item>Bars exist only where the session is open (FX 24x5 with weekend gaps; an index with its
/// daily break); the first bar after a closed period opens with a gap.</item>
/// <item>Returns follow GARCH(1,1) (volatility clustering) with fat tails (Student-t, 8 degrees of
/// freedom, unit variance) and an intraday pattern: busier when London and New York overlap,
/// quieter in the Asian night.</item>
/// <item>Each bar's open/high/low/close come from a path of ten sub-steps, so high and low are real extremes.</item>
/// <item>The spread widens by <see cref="SyntheticMarketOptions.RolloverSpreadMultiplier"/> in the half hour
/// either side of the trading-day end (17:00 New York for FX) and after the weekly open, and a little with volatility.</item>
/// </list>
/// </summary>
public static class SyntheticMarketGenerator
{
    private const int SubSteps = 10;

    /// <summary>Generates the bars described by <paramref name="options"/>.</summary>
    public static BarSeries Generate(SyntheticMarketOptions options)
    {
        if (!options.Period.IsIntraday) throw new ArgumentException("synthetic data is generated on intraday periods; resample it for D1");
        if (options.GarchAlpha + options.GarchBeta >= 1) throw new ArgumentException("GARCH alpha + beta must be below 1");
        var rng = new SplitMix64(options.Seed);
        var session = options.Session;
        var clock = new ZoneClock(session.Zone);
        long step = options.Period.Duration.Ticks;
        // Per-bar variance from the annual figure, counting only open bars (260 days × open fraction).
        double barsPerYear = 260.0 * TimeSpan.TicksPerDay / step * OpenFraction(session);
        double longRunVariance = options.AnnualVolatility * options.AnnualVolatility / barsPerYear;
        double drift = options.AnnualDrift / barsPerYear;
        double omega = longRunVariance * (1 - options.GarchAlpha - options.GarchBeta);
        double variance = longRunVariance, lastReturn = 0;
        double scale = Math.Pow(10, options.Precision);
        double mid = options.InitialPrice;
        var builder = new BarSeriesBuilder(BarKind.Quote, options.Bars);
        Span<double> path = stackalloc double[SubSteps + 1];

        long t = options.Start.Ticks - options.Start.Ticks % step;
        bool wasOpen = true;
        long dayEndTicks = session.DayEnd.Ticks;
        while (builder.Count < options.Bars)
        {
            long local = clock.ToLocal(t + step / 2);
            if (!session.IsOpenLocal(local)) { wasOpen = false; t += step; continue; }
            variance = omega + options.GarchAlpha * lastReturn * lastReturn + options.GarchBeta * variance;
            double hourOfDay = new DateTime(t).TimeOfDay.TotalHours; // UTC
            double activity = IntradayActivity(hourOfDay);
            double barSigma = Math.Sqrt(variance) * activity;
            // Fat tails: Student-t with 8 degrees of freedom, scaled to unit variance: z * sqrt((8 - 2) / chi2(8)).
            double tailScale = Math.Sqrt(6.0 / ChiSquared(rng, 8));
            double gapSigma = wasOpen ? 0 : barSigma * 8; // a closed period moves the price too
            path[0] = mid * Math.Exp(gapSigma * rng.NextGaussian());
            for (int k = 1; k <= SubSteps; k++)
                path[k] = path[k - 1] * Math.Exp(drift / SubSteps + barSigma * tailScale / Math.Sqrt(SubSteps) * rng.NextGaussian());
            double open = path[0], close = path[SubSteps], high = open, low = open;
            for (int k = 1; k <= SubSteps; k++) { high = Math.Max(high, path[k]); low = Math.Min(low, path[k]); }
            lastReturn = Math.Log(close / mid) / Math.Max(activity, 1e-9);
            mid = close;

            double minutesFromRollover = MinutesFromDayEnd(local, dayEndTicks);
            double widening = minutesFromRollover <= 30 || !wasOpen ? options.RolloverSpreadMultiplier : 1.0;
            double spread = options.SpreadPips * options.PipSize * widening * (0.8 + 0.4 * rng.NextDouble())
                            * Math.Min(3, Math.Sqrt(variance / longRunVariance));
            double half = Math.Max(spread, 1 / scale) / 2;
            builder.AddQuote(t,
                Round(open - half, scale), Round(high - half, scale), Round(low - half, scale), Round(close - half, scale),
                Round(open + half, scale), Round(high + half, scale), Round(low + half, scale), Round(close + half, scale));
            wasOpen = true;
            t += step;
        }
        return builder.Build(options.Instrument, options.Period);
    }

    private static double Round(double price, double scale) => Math.Round(price * scale) / scale;

    private static double ChiSquared(SplitMix64 rng, int degrees)
    {
        double sum = 0;
        for (int i = 0; i < degrees; i++) { double g = rng.NextGaussian(); sum += g * g; }
        return Math.Max(sum, 1e-6);
    }

    // Relative activity by UTC hour: Asia ~0.6, London 1.1, London/New York overlap 1.5, late New York 0.8.
    private static double IntradayActivity(double utcHour) => utcHour switch
    {
        < 7 => 0.6,
        < 12 => 1.1,
        < 16 => 1.5,
        < 21 => 0.8,
        _ => 0.5,
    };

    private static double MinutesFromDayEnd(long local, long dayEndTicks)
    {
        long inDay = local % TimeSpan.TicksPerDay;
        long d = Math.Abs(inDay - dayEndTicks % TimeSpan.TicksPerDay);
        d = Math.Min(d, TimeSpan.TicksPerDay - d);
        return d / (double)TimeSpan.TicksPerMinute;
    }

    private static double OpenFraction(TradingSession session)
    {
        var clock = new ZoneClock(session.Zone);
        long start = new DateTime(2024, 1, 7, 0, 0, 0, DateTimeKind.Utc).Ticks; // one ordinary week
        int open = 0, slots = 7 * 24 * 4;
        for (int i = 0; i < slots; i++)
            if (session.IsOpenLocal(clock.ToLocal(start + i * TimeSpan.TicksPerMinute * 15 + TimeSpan.TicksPerMinute * 7))) open++;
        return open / (double)slots * 7 / 5; // per trading day, as a fraction of 24 h
    }
}
