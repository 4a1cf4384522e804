namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// Rolling Sharpe ratio and volatility of daily returns (pyfolio's rolling charts), with the same
/// conventions as <see cref="PerformanceMetrics"/>: sample standard deviation (ddof = 1), risk-free rate 0,
/// annualised with √periods per year. Entry i covers returns i − window + 1 .. i; earlier entries, and
/// windows without variation (Sharpe), are NaN.
/// </summary>
public static class RollingRatios
{
    /// <summary>Rolling mean / sample std × √<paramref name="periodsPerYear"/> over <paramref name="window"/> returns.</summary>
    public static double[] Sharpe(ReadOnlySpan<double> returns, int window, int periodsPerYear) => Rolling(returns, window, periodsPerYear, sharpe: true);

    /// <summary>Rolling sample std × √<paramref name="periodsPerYear"/> over <paramref name="window"/> returns.</summary>
    public static double[] Volatility(ReadOnlySpan<double> returns, int window, int periodsPerYear) => Rolling(returns, window, periodsPerYear, sharpe: false);

    private static double[] Rolling(ReadOnlySpan<double> returns, int window, int periodsPerYear, bool sharpe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        var result = new double[returns.Length];
        double annualise = Math.Sqrt(periodsPerYear);
        for (int i = 0; i < returns.Length; i++)
        {
            if (i < window - 1) { result[i] = double.NaN; continue; }
            // Two passes over the window: daily series are a few thousand long, and running sums of
            // squares lose the digits that a near-constant window's variance lives in.
            var w = returns.Slice(i - window + 1, window);
            double mean = 0;
            foreach (double r in w) mean += r;
            mean /= window;
            double ss = 0;
            foreach (double r in w) ss += (r - mean) * (r - mean);
            double std = Math.Sqrt(ss / (window - 1));
            result[i] = sharpe ? (std > 0 ? mean / std * annualise : double.NaN) : std * annualise;
        }
        return result;
    }
}
