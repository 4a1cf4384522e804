using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Labels;

/// <summary>Which barrier ended a triple-barrier label.</summary>
public enum BarrierHit
{
    /// <summary>No label: the ATR was not yet defined or the data ended before any barrier.</summary>
    None,
    /// <summary>The upper (profit) barrier.</summary>
    TakeProfit,
    /// <summary>The lower (loss) barrier.</summary>
    StopLoss,
    /// <summary>The time barrier.</summary>
    Time,
}

/// <summary>Settings of <see cref="TripleBarrierLabels"/>.</summary>
public sealed record TripleBarrierOptions
{
    /// <summary>Upper barrier distance in ATRs. Default 2.</summary>
    public double TakeProfitAtr { get; init; } = 2;
    /// <summary>Lower barrier distance in ATRs. Default 1.</summary>
    public double StopLossAtr { get; init; } = 1;
    /// <summary>ATR period (TA-Lib ATR, known at the bar's close). Default 14.</summary>
    public int AtrPeriod { get; init; } = 14;
    /// <summary>Time barrier: bars after entry. Default 20.</summary>
    public int MaxBars { get; init; } = 20;
    /// <summary>Label at the time barrier: 0 (default) or the sign of the return so far.</summary>
    public bool SignAtTimeBarrier { get; init; }
}

/// <summary>The triple-barrier outcome for every bar.</summary>
/// <param name="Labels">+1 take-profit first, −1 stop-loss first, 0 (or the return's sign) at the time barrier, NaN undefined.</param>
/// <param name="Barriers">Which barrier was hit first.</param>
/// <param name="EndIndex">Index of the bar that hit it (−1 when undefined).</param>
/// <param name="Returns">Simple return from entry to the barrier price (or the close at the time barrier).</param>
public sealed record TripleBarrierResult(LabelSeries Labels, BarrierHit[] Barriers, int[] EndIndex, double[] Returns);

/// <summary>
/// Triple-barrier labels (López de Prado): from the close of bar t, an upper barrier at close +
/// k_tp·ATR, a lower one at close − k_sl·ATR (ATR as known at t's close) and a time barrier
/// <c>MaxBars</c> later. Bars t + 1, t + 2, … are scanned with their highs and lows; the first barrier
/// touched decides. When one bar touches both, the stop-loss is taken (we cannot know which came
/// first inside a bar, and assuming the worse is the honest choice). A label whose barriers are not
/// reached before the data ends is undefined, not guessed.
/// </summary>
public static class TripleBarrierLabels
{
    /// <summary>Computes labels on <paramref name="bars"/>' <paramref name="source"/> prices.</summary>
    public static TripleBarrierResult Compute(BarSeries bars, TripleBarrierOptions? options = null, PriceSource source = PriceSource.Mid)
    {
        options ??= new TripleBarrierOptions();
        var p = bars.Prices(source);
        int n = bars.Count;
        var atr = IndicatorBatch.Compute(new AverageTrueRange(options.AtrPeriod), new BarColumns(default, p.Open, p.High, p.Low, p.Close, default));
        var labels = new double[n];
        var barriers = new BarrierHit[n];
        var endIndex = new int[n];
        var endTime = new long[n];
        var returns = new double[n];
        for (int t = 0; t < n; t++)
        {
            (labels[t], barriers[t], endIndex[t], endTime[t], returns[t]) = (double.NaN, BarrierHit.None, -1, long.MaxValue, double.NaN);
            if (double.IsNaN(atr[t])) continue;
            double entry = p.Close[t];
            double upper = entry + options.TakeProfitAtr * atr[t], lower = entry - options.StopLossAtr * atr[t];
            int last = t + options.MaxBars;
            for (int j = t + 1; j <= Math.Min(last, n - 1); j++)
            {
                bool hitLower = p.Low[j] <= lower, hitUpper = p.High[j] >= upper;
                if (hitLower) { Set(t, j, -1, BarrierHit.StopLoss, lower / entry - 1); break; }
                if (hitUpper) { Set(t, j, 1, BarrierHit.TakeProfit, upper / entry - 1); break; }
                if (j == last)
                {
                    double r = p.Close[j] / entry - 1;
                    Set(t, j, options.SignAtTimeBarrier ? Math.Sign(r) : 0, BarrierHit.Time, r);
                }
            }
        }
        return new TripleBarrierResult(new LabelSeries("triple_barrier", bars.TimeTicks.ToArray(), labels, endTime), barriers, endIndex, returns);

        void Set(int t, int j, double label, BarrierHit barrier, double r)
        {
            (labels[t], barriers[t], endIndex[t], endTime[t], returns[t]) = (label, barrier, j, bars.TimeTicks[j], r);
        }
    }
}
