using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Live.Runner;

/// <summary>
/// A live step with <c>--price bid|ask|mid</c>, as <c>backtest --price</c> trades: the strategy reads that one
/// series of the quote bar, and fills and marks are at the series plus or minus half the instrument's typical
/// spread when costs apply (the backtest engine's single-price bars); the core's step fills on those and lets
/// the strategies decide on the series itself.
/// </summary>
internal static class SingleSeriesStep
{
    /// <summary>The series <paramref name="source"/> of <paramref name="bar"/> (mids as the data layer computes them).</summary>
    public static Ohlc Series(in QuoteBar bar, PriceSource source) => source switch
    {
        PriceSource.Bid => bar.Bid,
        PriceSource.Ask => bar.Ask,
        PriceSource.Mid => bar.Mid,
        _ => throw new ArgumentException($"--price {source.ToString().ToLowerInvariant()}: live quotes have no such price; use bid, ask or mid"),
    };

    /// <summary>The bar fills and marks see: the series less the half-spread as the bid, plus it as the ask.</summary>
    public static QuoteBarView View(in QuoteBar bar, PriceSource source, double halfSpread)
    {
        var p = Series(bar, source);
        double h = halfSpread;
        return new QuoteBarView(p.Open - h, p.High - h, p.Low - h, p.Close - h, p.Open + h, p.High + h, p.Low + h, p.Close + h);
    }

    /// <summary>One time step: <paramref name="views"/> from <see cref="View"/>, <paramref name="bars"/> the same bars as quotes, whose series the strategies read.</summary>
    /// <returns>Equity after the step.</returns>
    public static double Step(TradingCore core, long time, ReadOnlySpan<CompletedBar> bars, ReadOnlySpan<SlotBar> views, PriceSource source, bool act)
    {
        Span<BarInput> series = bars.Length <= 16 ? stackalloc BarInput[bars.Length] : new BarInput[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            var p = Series(bars[i].Bar, source);
            series[i] = new BarInput(time, p.Open, p.High, p.Low, p.Close, 0);
        }
        return core.Step(time, views, series, act);
    }
}
