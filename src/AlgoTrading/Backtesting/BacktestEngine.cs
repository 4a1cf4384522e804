using AlgoTrading.Backtesting.Accounting;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Accounting;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Risk;
using AlgoTrading.Strategies;
using AlgoTrading.Time;

namespace AlgoTrading.Backtesting;

/// <summary>
/// The event loop. Bars of all feeds are merged by start time; for each bar, in this order:
/// (1) overnight financing if a 17:00 New York rollover passed while a position was open (three
/// days for FX on Wednesdays); (2) the pending order fills at the open (<see cref="FillRules"/>);
/// (3) the position's stop-loss, take-profit and trailing stop are checked against the bar (both in
/// one bar: <see cref="BacktestOptions.SameBarExits"/>); (4) the strategy sees the closed bar (the
/// price fields it declares in <see cref="IStrategy.Inputs"/>; the others are NaN) and the
/// snapshots and returns a target; risk reviews it; the difference becomes a market order for the
/// next bar's open. After each time step the equity is recorded and the stop-out checked.
/// Same inputs give bit-identical outputs. A strategy's decision on the last bar is never filled.
/// </summary>
public sealed class BacktestEngine
{
    private readonly BacktestOptions _options;
    private readonly Feed[] _feeds;
    private readonly CurrencyConverter _converter;
    private readonly RiskManager _risk;
    // Financing rolls over at 17:00 New York for every instrument (the broker's day); the risk day
    // follows the traded instrument's session (RiskManager).
    private readonly BarAligner _rollovers = new(BarPeriod.D1, TradingSession.Forex);
    private readonly bool _riskDayIsRollover;
    private readonly TradeLog _trades = new();
    private readonly List<RiskEvent> _riskEvents = [];
    private readonly OrderLog _orders = new();
    private long _nextOrderId;
    private readonly bool _needsRates;
    private double _cash, _notional;
    private long _exposedBars, _tradedBars;

    private sealed class Feed(BacktestFeed source, int slot)
    {
        public readonly BacktestFeed Source = source;
        public readonly IStrategy? Strategy = source.Strategy;
        public readonly IndicatorInputs StrategyInputs = source.Strategy?.Inputs ?? IndicatorInputs.All;
        public readonly int Slot = slot;
        public readonly double MarginRate = source.Instrument.MarginRate;
        // What the strategy and risk see of the instrument; rebuilt only when the conversion rate moves.
        public InstrumentContext Context = new(source.Instrument.Symbol, source.Instrument.PipSize, 1, source.Instrument.MinimumTradeSize);
        public (int Slot, bool Divide) Route = (-1, false);
        public double Rate = 1;            // quote → account at the latest known prices
        public Domain.OhlcColumns? StrategyPrices;
        // Column arrays held for the run: bid and ask (or the single price twice), strategy prices, time.
        public double[] BidO = [], BidH = [], BidL = [], BidC = [], AskO = [], AskH = [], AskL = [], AskC = [];
        public double[] SO = [], SH = [], SL = [], SC = [];
        public double[]? Volume;
        public long[] Time = [];
        public int Count;
        public double HalfSpread;
        public OpenPosition Position = Empty();
        public int Pending = -1;           // the working order's position in the order log; -1 when none is working
        public double PendingStop = double.NaN, PendingTake = double.NaN, PendingTrail = double.NaN;
        public AverageTrueRange Atr = new(14);
        public double LastAtr = double.NaN, LastMark = double.NaN;
        public long LastDay = long.MinValue;
        public int Cursor;
        public static OpenPosition Empty() { var p = default(OpenPosition); p.Clear(); return p; }
    }

    /// <summary>Prepares a run over <paramref name="feeds"/>.</summary>
    /// <exception cref="InvalidOperationException">A traded instrument's P&amp;L cannot be converted to the account currency with the feeds given.</exception>
    public BacktestEngine(IReadOnlyList<BacktestFeed> feeds, BacktestOptions? options = null)
    {
        _options = options ?? new BacktestOptions();
        _converter = new CurrencyConverter(_options.AccountCurrency);
        _feeds = feeds.Select(f => new Feed(f, _converter.Register(f.Instrument.Symbol, f.Instrument.BaseCurrency, f.Instrument.QuoteCurrency))).ToArray();
        foreach (var f in _feeds.Where(f => f.Source.Strategy is not null))
        {
            _converter.Require(f.Source.Instrument.QuoteCurrency, f.Source.Instrument.Symbol);
            f.Route = _converter.Route(f.Source.Instrument.QuoteCurrency);
            var bars = f.Source.Bars;
            f.StrategyPrices = bars.Kind == BarKind.Quote && _options.UseBidAsk ? bars.Prices(PriceSource.Mid) : bars.Prices(_options.Price); // fails early on a wrong price source
        }
        _risk = new RiskManager(_options.Risk, _options.TradingDay);
        _riskDayIsRollover = ReferenceEquals(_risk.Session, TradingSession.Forex);
        foreach (var f in _feeds) Bind(f);
        _needsRates = _feeds.Any(f => f.Route.Slot >= 0);
    }

    /// <summary>Runs the backtest.</summary>
    public BacktestResult Run()
    {
        _cash = _options.InitialCash;
        _risk.StartDay(long.MinValue, _cash);
        _risk.Observe(_cash);
        int steps = _feeds.Sum(f => f.Source.Bars.Count);
        // With one feed the time steps are its bar starts: copied in one block after the run rather than
        // stored per step. Never shared: the result's array is the caller's to keep or change.
        bool single = _feeds.Length == 1 && _feeds[0].Time.Length == steps;
        var equityTime = ColumnAllocator.Allocate<long>(steps);
        var equity = ColumnAllocator.Allocate<double>(steps);
        int recorded = 0;
        while (NextTime() is var now && now != long.MaxValue)
        {
            double e = StepAt(now);
            if (!single) equityTime[recorded] = now;
            equity[recorded++] = e;
        }
        if (single) Array.Copy(_feeds[0].Time, equityTime, steps);
        if (recorded < steps) // several feeds share time steps; one feed fills the arrays exactly (no copy)
        {
            Array.Resize(ref equityTime, recorded);
            Array.Resize(ref equity, recorded);
        }
        return new BacktestResult
        {
            Trades = _trades, EquityTime = equityTime, Equity = equity, RiskEvents = _riskEvents, Options = _options, Orders = _orders,
            OpenPositions = _feeds.Where(f => f.Position.IsOpen).ToDictionary(f => f.Source.Instrument.Symbol, f => f.Position.Units),
            Exposure = _tradedBars == 0 ? 0 : (double)_exposedBars / _tradedBars,
            TradedNotional = _notional,
        };
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // once per bar, a loop over usually one feed
    private long NextTime()
    {
        long now = long.MaxValue;
        foreach (var f in _feeds) if (f.Cursor < f.Count) now = Math.Min(now, f.Time[f.Cursor]);
        return now;
    }

    // One time step; a method of its own so the JIT optimises it fully instead of patching the long loop in Run.
    private double StepAt(long now)
    {
        long day = _rollovers.StartOf(now);
        long riskDay = _riskDayIsRollover ? day : _risk.DayOf(now);
        if (riskDay != _risk.Day) _risk.StartDay(riskDay, Snapshot().Equity);
        // Three phases so every instrument's prices at this time are known before anything is
        // decided: opens (conversion rates, financing, fills, exits), then closes, then decisions.
        // A feed takes part in this step when its next bar starts now (checked in each phase rather
        // than gathered into a list: with one feed that is a compare, not a store per bar).
        var feeds = _feeds;
        if (_needsRates)
        {
            foreach (var f in feeds) if (HasBarAt(f, now)) _converter.Update(f.Slot, MidOpen(f, f.Cursor));
            UpdateRates();
        }
        foreach (var f in feeds) if (HasBarAt(f, now)) Open(f, now, day);
        foreach (var f in feeds) if (HasBarAt(f, now)) Close(f);
        UpdateRates();
        var snapshot = Snapshot(); // decisions at this time all see the same account; they only queue orders
        foreach (var f in feeds)
        {
            if (!HasBarAt(f, now)) continue;
            Decide(f, f.Cursor, now, last: f.Cursor == f.Count - 1, snapshot);
            f.Cursor++;
        }
        double e = snapshot.Equity;
        _risk.Observe(e);
        if (snapshot.MarginUsed > 0 && e < snapshot.MarginUsed * _options.StopOutLevel) StopOut();
        return e;
    }

    private static bool HasBarAt(Feed f, long now) => f.Cursor < f.Count && f.Time[f.Cursor] == now;

    private void UpdateRates()
    {
        if (!_needsRates) return; // every traded instrument settles in the account currency
        foreach (var f in _feeds)
        {
            if (f.Strategy is null) continue;
            double rate = _converter.Rate(f.Route);
            if (rate != f.Rate) (f.Rate, f.Context) = (rate, f.Context with { QuoteToAccount = rate });
        }
    }

    // The full bar is read only when an order or an exit needs it; most bars only mark the position.
    private void Open(Feed f, long time, long day)
    {
        // The opening quotes are read every bar, not only on the bars that fill: streamed reads are
        // prefetched, while a read on every 25th bar or so waits for memory.
        double midOpen = MidOpen(f, f.Cursor);
        if (day != f.LastDay) ChargeFinancing(f, time, day, midOpen);
        if (_orders.IsPending(f.Pending)) FillPending(f, time);
        if (f.Position.IsOpen && f.Position.HasExits) CheckExits(f, time);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Close(Feed f)
    {
        int i = f.Cursor;
        double bid = f.BidC[i] - f.HalfSpread, ask = f.AskC[i] + f.HalfSpread;
        if (_needsRates) _converter.Update(f.Slot, (bid + ask) / 2);
        f.LastMark = f.Position.Units > 0 ? bid : ask;
        if (_options.SlippageAtrFraction > 0)
        {
            var bar = View(f, i);
            f.LastAtr = f.Atr.Next((bar.BidHigh + bar.AskHigh) / 2, (bar.BidLow + bar.AskLow) / 2, bar.MidClose);
        }
    }

    private static double MidOpen(Feed f, int i) => (f.BidO[i] - f.HalfSpread + (f.AskO[i] + f.HalfSpread)) / 2;

    private void Decide(Feed f, int i, long time, bool last, in PortfolioSnapshot portfolio)
    {
        if (f.Strategy is not { } strategy) return;
        _tradedBars++;
        if (f.Position.IsOpen) { _exposedBars++; f.Position.BarsHeld++; }
        var input = StrategyBar(f, i, time);
        ref readonly var instrument = ref f.Context;
        var position = _orders.IsPending(f.Pending)
            ? new PositionSnapshot(f.Position.Units, f.Position.AveragePrice, f.Position.BarsHeld, _orders.UnitsOf(f.Pending), _orders.PriceOf(f.Pending))
            : new PositionSnapshot(f.Position.Units, f.Position.AveragePrice, f.Position.BarsHeld);
        if (!strategy.OnBar(input, position, portfolio, instrument, out var decision)
            || last || time < _options.TradeFrom) return;
        // Asking for the position already held withdraws a working order: the strategy changed its mind.
        if (decision.TargetUnits == f.Position.Units) { CancelPending(f, "cancelled by the strategy"); return; }
        Submit(f, decision, time, portfolio);
    }

    // The closed bar as the strategy sees it: only the fields it declared are read (IStrategy.Inputs);
    // the rest are NaN. Every price column read is another stream through memory on every bar, so a
    // close-only strategy's close comes from the bid and ask closes the engine reads anyway: its price
    // series is their midpoint (quote bars, bid/ask fills) or the very column both stand for, and
    // OhlcColumns.Mid of a price with itself is that price, bit for bit.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static BarInput StrategyBar(Feed f, int i, long time) => f.StrategyInputs switch
    {
        IndicatorInputs.Close => new BarInput(time, double.NaN, double.NaN, double.NaN, Domain.OhlcColumns.Mid(f.BidC[i], f.AskC[i]), double.NaN),
        IndicatorInputs.HighLowClose => new BarInput(time, double.NaN, f.SH[i], f.SL[i], f.SC[i], double.NaN),
        IndicatorInputs.Ohlc => new BarInput(time, f.SO[i], f.SH[i], f.SL[i], f.SC[i], double.NaN),
        _ => new BarInput(time, f.SO[i], f.SH[i], f.SL[i], f.SC[i], f.Volume is null ? 0 : f.Volume[i]),
    };

    // Turns a decision into an order: risk review, cancel-and-replace, the order log. Kept out of
    // Decide, which runs every bar, so the per-bar path stays small; this runs once per trade.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Submit(Feed f, in StrategyDecision decision, long time, in PortfolioSnapshot portfolio)
    {
        double target = decision.TargetUnits;
        ref readonly var instrument = ref f.Context;
        var review = _risk.Review(f.Position.Units, target, decision.StopLossDistance, portfolio, instrument);
        if (review.Changed) _riskEvents.Add(new RiskEvent(new DateTime(time, DateTimeKind.Utc), instrument.Symbol, target, review.TargetUnits, review.Reason!));
        CancelPending(f, "replaced by a new decision"); // a new decision replaces a working order (cancel and replace)
        double delta = review.TargetUnits - f.Position.Units;
        f.Pending = _orders.Add(++_nextOrderId, instrument.Symbol, delta == 0 ? target - f.Position.Units : delta, decision.EntryType, decision.EntryPrice, decision.Reason, time);
        if (delta == 0) { _orders.Reject(f.Pending, review.Reason ?? "no change after risk review"); f.Pending = -1; return; }
        (f.PendingStop, f.PendingTake, f.PendingTrail) = (decision.StopLossDistance, decision.TakeProfitDistance, decision.TrailingDistance);
    }

    private void CancelPending(Feed f, string reason)
    {
        if (!_orders.IsPending(f.Pending)) return;
        _orders.Cancel(f.Pending, reason);
        f.Pending = -1;
    }

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
        if (f.StrategyPrices is { } p) (f.SO, f.SH, f.SL, f.SC) = (p.OpenArray, p.HighArray, p.LowArray, p.CloseArray);
    }

    private QuoteBarView View(Feed f, int i)
    {
        double h = f.HalfSpread;
        return new QuoteBarView(f.BidO[i] - h, f.BidH[i] - h, f.BidL[i] - h, f.BidC[i] - h, f.AskO[i] + h, f.AskH[i] + h, f.AskL[i] + h, f.AskC[i] + h);
    }

    private double Slippage(Feed f) => !_options.ApplyCosts ? 0
        : _options.SlippagePips * f.Source.Instrument.PipSize + (double.IsNaN(f.LastAtr) ? 0 : _options.SlippageAtrFraction * f.LastAtr);

    private void FillPending(Feed f, long time)
    {
        int order = f.Pending, i = f.Cursor;
        double units = _orders.UnitsOf(order);
        // A market order needs only the opens; the whole bar (six more columns, cold in cache) only for limits and stops.
        double bidOpen = f.BidO[i] - f.HalfSpread, askOpen = f.AskO[i] + f.HalfSpread;
        double price = _orders.TypeOf(order) switch
        {
            OrderType.Limit => FillRules.Limit(units, _orders.PriceOf(order), View(f, i)),
            OrderType.Stop => FillRules.Stop(units, _orders.PriceOf(order), View(f, i)),
            _ => FillRules.Market(units, bidOpen, askOpen),
        };
        if (double.IsNaN(price)) return; // not reached: the order keeps working
        _orders.MarkFilled(order, Execute(f, time, units, price, (askOpen - bidOpen) / 2, _orders.ReasonOf(order)));
        f.Pending = -1;
        if (!f.Position.IsOpen || (f.Position.Units > 0) != (units > 0)) return;
        // Attach exits to the position just opened, measured from its fill price.
        double dir = f.Position.Units > 0 ? 1 : -1, entry = f.Position.AveragePrice;
        f.Position.StopLoss = double.IsNaN(f.PendingStop) ? double.NaN : entry - dir * f.PendingStop;
        f.Position.TakeProfit = double.IsNaN(f.PendingTake) ? double.NaN : entry + dir * f.PendingTake;
        f.Position.TrailingDistance = f.PendingTrail;
        f.Position.TrailingStop = double.IsNaN(f.PendingTrail) ? double.NaN : entry - dir * f.PendingTrail;
    }

    // The bar is read here, not by the caller: most bars have no exits to check.
    private void CheckExits(Feed f, long time)
    {
        var bar = View(f, f.Cursor);
        ref var p = ref f.Position;
        double close = -p.Units;
        double stop = p.Units > 0 ? Math.Max(Nan(p.StopLoss, double.MinValue), Nan(p.TrailingStop, double.MinValue))
                                             : Math.Min(Nan(p.StopLoss, double.MaxValue), Nan(p.TrailingStop, double.MaxValue));
        double stopPrice = Math.Abs(stop) == double.MaxValue ? double.NaN : FillRules.Stop(close, stop, bar);
        double takePrice = double.IsNaN(p.TakeProfit) ? double.NaN : FillRules.Limit(close, p.TakeProfit, bar);
        bool stopHit = !double.IsNaN(stopPrice), takeHit = !double.IsNaN(takePrice);
        if (stopHit && (!takeHit || _options.SameBarExits == SameBarExitOrder.WorseFirst))
            Execute(f, time, close, stopPrice, (bar.AskOpen - bar.BidOpen) / 2, stop == p.StopLoss ? "exit:stop_loss" : "exit:trailing_stop");
        else if (takeHit)
            Execute(f, time, close, takePrice, (bar.AskOpen - bar.BidOpen) / 2, "exit:take_profit");
        else if (!double.IsNaN(p.TrailingDistance))
            p.TrailingStop = p.Units > 0 ? Math.Max(p.TrailingStop, bar.BidHigh - p.TrailingDistance) : Math.Min(p.TrailingStop, bar.AskLow + p.TrailingDistance);
    }

    private static double Nan(double value, double fallback) => double.IsNaN(value) ? fallback : value;

    /// <summary>Applies a fill of <paramref name="units"/> at <paramref name="price"/> (before slippage) to the position and cash; returns the price after slippage.</summary>
    private double Execute(Feed f, long time, double units, double price, double halfSpread, string reason)
    {
        var spec = f.Source.Instrument;
        double rate = f.Rate;
        // units is never 0: orders for no change are not sent
        (price, var costs) = CostModel.Fill(spec, units, price, halfSpread, Slippage(f), rate, _options.ApplyCosts);
        double size = Math.Abs(units);
        _cash -= costs.Commission;
        _notional += size * price * rate;
        ref var p = ref f.Position;
        double remaining = units;
        if (p.IsOpen && (p.Units > 0) != (units > 0))
        {
            double closing = units > 0 ? Math.Min(units, -p.Units) : -Math.Min(-units, p.Units);
            double fraction = Math.Abs(closing) / size, share = Math.Abs(closing) / Math.Abs(p.Units);
            double gross = (price - p.AveragePrice) * -closing * rate;
            _cash += gross;
            var tradeCosts = p.Costs.Scale(share) + costs.Scale(fraction);
            _trades.Add(spec.Symbol, p.EntryTime, p.AveragePrice, time, price, -closing, gross, tradeCosts, p.EntryReason, reason);
            p.Costs = p.Costs.Scale(1 - share);
            p.Units += closing;
            remaining -= closing;
            costs = costs.Scale(1 - fraction);
            if (p.Units == 0) p.Clear();
        }
        if (remaining == 0) return price;
        if (!p.IsOpen) { p.Clear(); (p.EntryTime, p.EntryReason, p.AveragePrice) = (time, reason, price); }
        else p.AveragePrice = (p.AveragePrice * p.Units + price * remaining) / (p.Units + remaining);
        p.Units += remaining;
        p.Costs += costs;
        return price;
    }

    private void ChargeFinancing(Feed f, long time, long day, double mid)
    {
        long previous = f.LastDay;
        f.LastDay = day;
        if (!_options.ApplyCosts || previous == long.MinValue || day == previous || !f.Position.IsOpen) return;
        var spec = f.Source.Instrument;
        // Each 17:00 New York rollover passed while the position was open, weekdays only. FX pays
        // three days at Wednesday's (for the weekend settlement), other CFDs at Friday's: 7 a week.
        double days = 0;
        for (long probe = previous + 25 * TimeSpan.TicksPerHour; ; probe += TimeSpan.TicksPerDay)
        {
            long start = _rollovers.StartOf(probe);
            if (start > day) break;
            var weekday = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(start, DateTimeKind.Utc), MarketTimeZones.NewYork).DayOfWeek;
            days += weekday switch
            {
                DayOfWeek.Wednesday => spec.IsForex ? 3 : 1,
                DayOfWeek.Friday => spec.IsForex ? 1 : 3,
                DayOfWeek.Saturday or DayOfWeek.Sunday => 0,
                _ => 1,
            };
        }
        double annual = f.Position.Units > 0 ? spec.FinancingLongRate : spec.FinancingShortRate;
        double amount = Math.Abs(f.Position.Units) * mid * annual / 365 * days * f.Rate;
        _cash += amount;
        f.Position.Costs += new Costs(0, 0, 0, -amount);
    }

    // Equity marks open positions at the price they could be closed at; margin at the same prices.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private PortfolioSnapshot Snapshot()
    {
        double equity = _cash, margin = 0;
        int open = 0;
        foreach (var f in _feeds)
        {
            if (!f.Position.IsOpen || double.IsNaN(f.LastMark)) continue;
            open++;
            equity += (f.LastMark - f.Position.AveragePrice) * f.Position.Units * f.Rate;
            margin += Math.Abs(f.Position.Units) * f.LastMark * f.MarginRate * f.Rate;
        }
        return new PortfolioSnapshot(equity, _cash, margin, _risk.PeakEquity, _risk.DayStartEquity, open);
    }

    private void StopOut()
    {
        foreach (var f in _feeds)
        {
            if (!f.Position.IsOpen) continue;
            if (_orders.IsPending(f.Pending)) _orders.Cancel(f.Pending, "stop-out");
            f.Pending = _orders.Add(++_nextOrderId, f.Source.Instrument.Symbol, -f.Position.Units, OrderType.Market, double.NaN, "exit:stop_out", f.Time[Math.Max(0, f.Cursor - 1)]);
            (f.PendingStop, f.PendingTake, f.PendingTrail) = (double.NaN, double.NaN, double.NaN);
        }
    }
}
