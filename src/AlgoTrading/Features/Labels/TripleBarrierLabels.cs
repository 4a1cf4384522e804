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
/// <param name="Returns">Simple return of the long trade from its entry fill to its exit fill (the bid close at the time barrier).</param>
public sealed record TripleBarrierResult(LabelSeries Labels, BarrierHit[] Barriers, int[] EndIndex, double[] Returns);

/// <summary>
/// Triple-barrier labels (López de Prado), resolved with the backtester's fill rules so that a label
/// says what a long trade would really have done: decided at the close of bar t (ATR as known then,
/// on the <c>source</c> prices), entered by a market order at the next bar's open at the ask; the
/// take-profit k_tp·ATR above and the stop-loss k_sl·ATR below that fill price; exits are sells, so
/// they read the bid: the stop when the bid low reaches it (at the stop, or at the open when the bar
/// gaps through it), the take-profit when the bid high reaches it (at the target, or the better open
/// on a gap), checked from the entry bar on. When one bar touches both, the stop-loss counts (the
/// path inside a bar is unknown; the engine's default assumes the worse). The time barrier closes
/// at the bid close of bar t + <c>MaxBars</c>. Trade bars have one price for both sides. A label
/// whose barriers are not reached before the data ends is undefined, not guessed.
/// </summary>
public static class TripleBarrierLabels
{
    /// <summary>Computes labels for every bar of <paramref name="bars"/>; <paramref name="source"/> is the ATR's price series.</summary>
    public static TripleBarrierResult Compute(BarSeries bars, TripleBarrierOptions? options = null, PriceSource source = PriceSource.Mid)
    {
        options ??= new TripleBarrierOptions();
        var p = bars.Prices(source);
        int n = bars.Count;
        var atr = IndicatorBatch.Compute(new AverageTrueRange(options.AtrPeriod), new BarColumns(default, p.Open, p.High, p.Low, p.Close, default));
        // Buys fill at the ask, sells at the bid; single-price bars use that price for both.
        var buy = bars.Kind == BarKind.Quote ? bars.Ask! : bars.Prices(PriceSource.Trade);
        var sell = bars.Kind == BarKind.Quote ? bars.Bid! : buy;
        var labels = new double[n];
        var barriers = new BarrierHit[n];
        var endIndex = new int[n];
        var endTime = new long[n];
        var returns = new double[n];
        for (int t = 0; t < n; t++)
        {
            (labels[t], barriers[t], endIndex[t], endTime[t], returns[t]) = (double.NaN, BarrierHit.None, -1, long.MaxValue, double.NaN);
            if (double.IsNaN(atr[t]) || t + 1 >= n) continue;
            double entry = buy.Open[t + 1];
            double upper = entry + options.TakeProfitAtr * atr[t], lower = entry - options.StopLossAtr * atr[t];
            int last = t + options.MaxBars;
            for (int j = t + 1; j <= Math.Min(last, n - 1); j++)
            {
                if (sell.Low[j] <= lower) { Set(t, j, -1, BarrierHit.StopLoss, Math.Min(lower, sell.Open[j]) / entry - 1); break; }
                if (sell.High[j] >= upper) { Set(t, j, 1, BarrierHit.TakeProfit, Math.Max(upper, sell.Open[j]) / entry - 1); break; }
                if (j == last)
                {
                    double r = sell.Close[j] / entry - 1;
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
