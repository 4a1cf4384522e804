namespace AlgoTrading.Live.Runner;

/// <summary>What a run of the price loop did.</summary>
public sealed class LiveRunResult
{
    /// <summary>Why it stopped: <c>end of replay</c>, <c>duration</c>, <c>until</c>, <c>signal</c>, <c>kill switch</c>, <c>kill switch (flatten)</c>, or <c>error: …</c>.</summary>
    public string StopReason { get; internal set; } = "";
    /// <summary>Quotes taken in.</summary>
    public long Prices { get; internal set; }
    /// <summary>Quotes older than the previous one of their instrument (a stream out of order), left out.</summary>
    public long LateQuotes { get; internal set; }
    /// <summary>Bars closed on the clock (their period over by more than the grace, no later quote), live only.</summary>
    public long ClockClosedBars { get; internal set; }
    /// <summary>Time steps run (bars closed and passed to the core).</summary>
    public long Steps { get; internal set; }
    /// <summary>Time steps (bar starts, UTC ticks), one per step.</summary>
    public List<long> EquityTime { get; } = [];
    /// <summary>Equity after each step, account currency.</summary>
    public List<double> Equity { get; } = [];
    /// <summary>Price-to-order latencies, seconds: from the arrival of the quote that closed a bar to the last order of that step leaving the runner.</summary>
    public List<double> PriceToOrderSeconds { get; } = [];

    /// <summary>The <paramref name="q"/> quantile (0..1) of <see cref="PriceToOrderSeconds"/>, seconds; NaN when no order was sent.</summary>
    public double LatencyQuantile(double q)
    {
        if (PriceToOrderSeconds.Count == 0) return double.NaN;
        var sorted = PriceToOrderSeconds.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1 is var k && k < 0 ? 0 : k)];
    }
}
