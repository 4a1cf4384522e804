namespace AlgoTrading.Backtesting;

/// <summary>Where a backtest command spent its time (wall clock), for <c>--timings</c>.</summary>
public sealed class BacktestTimings
{
    /// <summary>Reading, validating and preparing the data and the strategy.</summary>
    public TimeSpan Load { get; set; }
    /// <summary>The engine's run.</summary>
    public TimeSpan Run { get; set; }
    /// <summary>Metrics and every output file (written in parallel).</summary>
    public TimeSpan Write { get; set; }

    /// <summary><c>load 0.412 s, run 0.051 s, write 0.198 s, total 0.661 s</c>.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"load {Load.TotalSeconds:F3} s, run {Run.TotalSeconds:F3} s, write {Write.TotalSeconds:F3} s, total {(Load + Run + Write).TotalSeconds:F3} s");
}
