using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Backtesting;

/// <summary>
/// The backtest's loop: bars of all feeds are merged by start time and handed, one time step at a
/// time, to the <see cref="TradingCore"/> that a live run drives too: financing and the simulated
/// client's fills at the open (<see cref="FillRules"/>), the position's exits inside the bar, marks at
/// the close, then each strategy's decision through the decision pipeline (strategy, sizing, risk) as
/// order intents for the next bar's open, then equity and the stop-out. The strategy sees the price
/// fields it declares in <see cref="Strategies.IStrategy.Inputs"/>; the others are NaN. Same inputs
/// give bit-identical outputs. A strategy's decision on the last bar is never acted on.
/// </summary>
/// <remarks>
/// The loop reads the price columns itself, and reads a whole bar only when the simulated client has
/// something to do with it: most bars only mark the position.
/// </remarks>
public sealed class BacktestEngine
{
    private readonly BacktestOptions _options;
    private readonly Feed[] _feeds;
    private readonly TradingCore _core;

    private sealed class Feed(BacktestFeed source, int slot)
    {
        public readonly BacktestFeed Source = source;
        public readonly int Slot = slot;
        public TradingCore.Slot Core = null!; // the core's side of this feed's instrument, passed to every phase
        public readonly IndicatorInputs StrategyInputs = source.Strategy?.Inputs ?? IndicatorInputs.All;
        public readonly bool Traded = source.Strategy is not null;
        // Column arrays held for the run: bid and ask (or the single price twice), strategy prices, time.
        public double[] BidO = [], BidH = [], BidL = [], BidC = [], AskO = [], AskH = [], AskL = [], AskC = [];
        public double[] SO = [], SH = [], SL = [], SC = [];
        public double[]? Volume;
        public long[] Time = [];
        public int Count;
        public double HalfSpread;
        public int Cursor;
    }

    /// <summary>Prepares a run over <paramref name="feeds"/>.</summary>
    /// <exception cref="InvalidOperationException">A traded instrument's P&amp;L cannot be converted to the account currency with the feeds given.</exception>
    public BacktestEngine(IReadOnlyList<BacktestFeed> feeds, BacktestOptions? options = null)
    {
        _options = options ?? new BacktestOptions();
        _feeds = feeds.Select((f, i) => new Feed(f, i)).ToArray();
        foreach (var f in _feeds.Where(f => f.Traded)) BindStrategyPrices(f);
        var instruments = feeds.Select(f => f.Instrument).ToList();
        var client = new SimulatedExecutionClient(instruments, _options.Simulation());
        _core = new TradingCore(instruments, feeds.Select(f => f.Strategy).ToList(), _options.Core(), client);
        foreach (var f in _feeds)
        {
            Bind(f);
            f.Core = _core.SlotAt(f.Slot);
        }
    }

    /// <summary>Runs the backtest.</summary>
    public BacktestResult Run()
    {
        int steps = _feeds.Sum(f => f.Source.Bars.Count);
        // With one feed the time steps are its bar starts: the result reads the series' own time column
        // (read-only, so neither can change the other) instead of a copy of it, 8 MB per million bars.
        bool single = _feeds.Length == 1 && _feeds[0].Time.Length == steps;
        var equityTime = single ? [] : ColumnAllocator.Allocate<long>(steps);
        var equity = ColumnAllocator.Allocate<double>(steps);
        int recorded = 0;
        while (NextTime() is var now && now != long.MaxValue)
        {
            double e = StepAt(now);
            if (!single) equityTime[recorded] = now;
            equity[recorded++] = e;
        }
        if (single) equityTime = _feeds[0].Time;
        else if (recorded < steps) // several feeds share time steps
        {
            Array.Resize(ref equityTime, recorded);
            Array.Resize(ref equity, recorded);
        }
        var portfolio = _core.Portfolio;
        return new BacktestResult
        {
            Trades = portfolio.Trades, EquityTime = equityTime, Equity = equity, RiskEvents = _core.RiskEvents, Options = _options, Orders = _core.Orders,
            OpenPositions = portfolio.Positions, Exposure = _core.Exposure, TradedNotional = _core.TradedNotional,
        };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // once per bar, a loop over usually one feed
    private long NextTime()
    {
        long now = long.MaxValue;
        foreach (var f in _feeds) if (f.Cursor < f.Count) now = Math.Min(now, f.Time[f.Cursor]);
        return now;
    }

    // One time step, in the core's phases (TradingCore.Step does the same for bars given whole); a
    // method of its own so the JIT optimises it fully instead of patching the long loop in Run.
    private double StepAt(long now)
    {
        var core = _core;
        core.BeginStep(now);
        // A feed takes part in this step when its next bar starts now (checked in each phase rather
        // than gathered into a list: with one feed that is a compare, not a store per bar).
        var feeds = _feeds;
        if (core.NeedsRates)
        {
            foreach (var f in feeds) if (HasBarAt(f, now)) core.OpenRate(f.Slot, MidOpen(f, f.Cursor));
            core.UpdateRates();
        }
        foreach (var f in feeds) if (HasBarAt(f, now)) Open(f, now);
        foreach (var f in feeds) if (HasBarAt(f, now)) core.Close(f.Core, f.BidC[f.Cursor] - f.HalfSpread, f.AskC[f.Cursor] + f.HalfSpread);
        if (core.NeedsRates) core.UpdateRates();
        var snapshot = core.Snapshot(); // decisions at this time all see the same account; they only queue orders
        foreach (var f in feeds)
        {
            if (!HasBarAt(f, now)) continue;
            if (f.Traded) core.Decide(f.Core, now, StrategyBar(f, f.Cursor, now), act: f.Cursor != f.Count - 1, snapshot);
            f.Cursor++;
        }
        return core.EndStep(snapshot, now);
    }

    private static bool HasBarAt(Feed f, long now) => f.Cursor < f.Count && f.Time[f.Cursor] == now;

    // The opening quotes are read every bar, not only on the bars that fill: streamed reads are
    // prefetched, while a read on every 25th bar or so waits for memory. The other fields only when
    // the simulated client has a price to reach or an exit to check: a market order needs the opens.
    private void Open(Feed f, long time)
    {
        _core.Finance(f.Core, MidOpen(f, f.Cursor));
        switch (TradingCore.NeedsBar(f.Core))
        {
            case BarNeed.Opens: _core.Fill(f.Core, time, Opens(f, f.Cursor)); break;
            case BarNeed.Full: _core.Fill(f.Core, time, View(f, f.Cursor)); break;
        }
    }

    private static double MidOpen(Feed f, int i) => (f.BidO[i] - f.HalfSpread + (f.AskO[i] + f.HalfSpread)) / 2;

    // The closed bar as the strategy sees it: only the fields it declared are read (IStrategy.Inputs);
    // the rest are NaN. Every price column read is another stream through memory on every bar, so a
    // close-only strategy reads one column: its price series' closes (exact mids of quote bars, or the
    // traded price itself), the same values a bar-by-bar driver computes with OhlcColumns.Mid.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static BarInput StrategyBar(Feed f, int i, long time) => f.StrategyInputs switch
    {
        IndicatorInputs.Close => new BarInput(time, double.NaN, double.NaN, double.NaN, f.SC[i], double.NaN),
        IndicatorInputs.HighLowClose => new BarInput(time, double.NaN, f.SH[i], f.SL[i], f.SC[i], double.NaN),
        IndicatorInputs.Ohlc => new BarInput(time, f.SO[i], f.SH[i], f.SL[i], f.SC[i], double.NaN),
        _ => new BarInput(time, f.SO[i], f.SH[i], f.SL[i], f.SC[i], f.Volume is null ? 0 : f.Volume[i]),
    };

    private void Bind(Feed f)
    {
        var bars = f.Source.Bars;
        f.Time = bars.TimeArray;
        f.Count = bars.Count;
        f.Volume = bars.VolumeArray; // quote bars have none: read as 0 without allocating a column of zeros
        var (bid, ask) = bars.Kind == BarKind.Quote && _options.UseBidAsk ? (bars.Bid!, bars.Ask!) : (bars.Prices(_options.Price), bars.Prices(_options.Price));
        (f.BidO, f.BidH, f.BidL, f.BidC) = (bid.OpenArray, bid.HighArray, bid.LowArray, bid.CloseArray);
        (f.AskO, f.AskH, f.AskL, f.AskC) = (ask.OpenArray, ask.HighArray, ask.LowArray, ask.CloseArray);
        f.HalfSpread = bars.Kind == BarKind.Quote && _options.UseBidAsk ? 0
            : _options.ApplyCosts ? f.Source.Instrument.TypicalSpreadPips * f.Source.Instrument.PipSize / 2 : 0;
    }

    // The price series the strategy reads: the mids of quote bars traded at bid and ask, else the traded price. Of
    // the mids only the fields the strategy declared are computed (a close-only strategy: one column of four, each
    // 8 MB of fresh memory per million bars, mapped and written before the first bar).
    private void BindStrategyPrices(Feed f)
    {
        var bars = f.Source.Bars;
        if (bars.Kind != BarKind.Quote || !_options.UseBidAsk)
        {
            var p = bars.Prices(_options.Price); // fails early on a wrong price source
            (f.SO, f.SH, f.SL, f.SC) = (p.OpenArray, p.HighArray, p.LowArray, p.CloseArray);
            return;
        }
        f.SC = bars.MidCloseArray;
        if (f.StrategyInputs == IndicatorInputs.Close) return;
        (f.SH, f.SL) = (bars.MidHighArray, bars.MidLowArray);
        if (f.StrategyInputs != IndicatorInputs.HighLowClose) f.SO = bars.MidOpenArray;
    }

    private static QuoteBarView Opens(Feed f, int i)
    {
        double h = f.HalfSpread;
        return new QuoteBarView(f.BidO[i] - h, double.NaN, double.NaN, double.NaN, f.AskO[i] + h, double.NaN, double.NaN, double.NaN);
    }

    private static QuoteBarView View(Feed f, int i)
    {
        double h = f.HalfSpread;
        return new QuoteBarView(f.BidO[i] - h, f.BidH[i] - h, f.BidL[i] - h, f.BidC[i] - h, f.AskO[i] + h, f.AskH[i] + h, f.AskL[i] + h, f.AskC[i] + h);
    }
}
