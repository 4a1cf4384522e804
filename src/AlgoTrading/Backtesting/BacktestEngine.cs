using AlgoTrading.Backtesting.Accounting;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
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
/// one bar: <see cref="BacktestOptions.SameBarExits"/>); (4) the strategy sees the closed bar and the
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
    private readonly BarAligner _tradingDays = new(BarPeriod.D1, TradingSession.Forex);
    private readonly List<TradeRecord> _trades = [];
    private readonly List<RiskEvent> _riskEvents = [];
    private readonly Feed[] _active;
    private double _cash, _peak, _dayStart, _notional;
    private long _day = long.MinValue, _exposedBars, _tradedBars;

    private sealed class Feed(BacktestFeed source, int slot)
    {
        public readonly BacktestFeed Source = source;
        public readonly int Slot = slot;
        public OpenPosition Position = Empty();
        public double PendingUnits;
        public string PendingReason = "";
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
            if (!_options.UseBidAsk || f.Source.Bars.Kind == BarKind.Trade) _ = f.Source.Bars.Prices(_options.Price); // fails early on a wrong price source
        }
        _risk = new RiskManager(_options.Risk);
        _active = new Feed[_feeds.Length];
    }

    /// <summary>Runs the backtest.</summary>
    public BacktestResult Run()
    {
        _cash = _peak = _dayStart = _options.InitialCash;
        int steps = _feeds.Sum(f => f.Source.Bars.Count);
        var equityTime = new long[steps];
        var equity = new double[steps];
        int recorded = 0;
        while (true)
        {
            long now = long.MaxValue;
            foreach (var f in _feeds) if (f.Cursor < f.Source.Bars.Count) now = Math.Min(now, f.Source.Bars.TimeTicks[f.Cursor]);
            if (now == long.MaxValue) break;
            long day = _tradingDays.StartOf(now);
            if (day != _day) { _day = day; _dayStart = MarkEquity(); }
            // Three phases so every instrument's prices at this time are known before anything is
            // decided: opens (conversion rates, financing, fills, exits), then closes, then decisions.
            int active = 0;
            foreach (var f in _feeds)
                if (f.Cursor < f.Source.Bars.Count && f.Source.Bars.TimeTicks[f.Cursor] == now) _active[active++] = f;
            for (int k = 0; k < active; k++) _converter.Update(_active[k].Slot, View(_active[k], _active[k].Cursor).MidOpen);
            for (int k = 0; k < active; k++) Open(_active[k], _active[k].Cursor, now);
            for (int k = 0; k < active; k++) Close(_active[k], _active[k].Cursor);
            for (int k = 0; k < active; k++) { var f = _active[k]; Decide(f, f.Cursor, now, last: f.Cursor == f.Source.Bars.Count - 1); f.Cursor++; }
            double e = MarkEquity();
            _peak = Math.Max(_peak, e);
            equityTime[recorded] = now;
            equity[recorded++] = e;
            CheckStopOut(e);
        }
        Array.Resize(ref equityTime, recorded);
        Array.Resize(ref equity, recorded);
        return new BacktestResult
        {
            Trades = _trades, EquityTime = equityTime, Equity = equity, RiskEvents = _riskEvents, Options = _options,
            OpenPositions = _feeds.Where(f => f.Position.IsOpen).ToDictionary(f => f.Source.Instrument.Symbol, f => f.Position.Units),
            Exposure = _tradedBars == 0 ? 0 : (double)_exposedBars / _tradedBars,
            TradedNotional = _notional,
        };
    }

    private void Open(Feed f, int i, long time)
    {
        var bar = View(f, i);
        ChargeFinancing(f, time, bar.MidOpen);
        if (f.PendingUnits != 0) FillPending(f, time, bar);
        if (f.Position.IsOpen) CheckExits(f, time, bar);
    }

    private void Close(Feed f, int i)
    {
        var bar = View(f, i);
        _converter.Update(f.Slot, bar.MidClose);
        f.LastMark = f.Position.Units > 0 ? bar.BidClose : bar.AskClose;
        f.LastAtr = f.Atr.Next((bar.BidHigh + bar.AskHigh) / 2, (bar.BidLow + bar.AskLow) / 2, bar.MidClose);
    }

    private void Decide(Feed f, int i, long time, bool last)
    {
        var spec = f.Source.Instrument;
        if (f.Source.Strategy is not { } strategy) return;
        _tradedBars++;
        if (f.Position.IsOpen) { _exposedBars++; f.Position.BarsHeld++; }
        var prices = f.Source.Bars.Kind == BarKind.Quote && _options.UseBidAsk ? f.Source.Bars.Prices(PriceSource.Mid) : f.Source.Bars.Prices(_options.Price);
        var input = new BarInput(time, prices.Open[i], prices.High[i], prices.Low[i], prices.Close[i], f.Source.Bars.Volume.IsEmpty ? 0 : f.Source.Bars.Volume[i]);
        var instrument = new InstrumentContext(spec.Symbol, spec.PipSize, _converter.Rate(spec.QuoteCurrency), spec.MinimumTradeSize);
        var portfolio = Snapshot();
        var decision = strategy.OnBar(input, new PositionSnapshot(f.Position.Units, f.Position.AveragePrice, f.Position.BarsHeld), portfolio, instrument);
        if (decision.TargetUnits is not { } target || last || time < _options.TradeFrom) return;
        var review = _risk.Review(f.Position.Units, target, decision.StopLossDistance, portfolio, instrument);
        if (review.Changed) _riskEvents.Add(new RiskEvent(new DateTime(time, DateTimeKind.Utc), spec.Symbol, target, review.TargetUnits, review.Reason!));
        double delta = review.TargetUnits - f.Position.Units;
        if (delta == 0) return;
        (f.PendingUnits, f.PendingReason) = (delta, decision.Reason);
        (f.PendingStop, f.PendingTake, f.PendingTrail) = (decision.StopLossDistance, decision.TakeProfitDistance, decision.TrailingDistance);
    }

    private QuoteBarView View(Feed f, int i)
    {
        var bars = f.Source.Bars;
        if (bars.Kind == BarKind.Quote && _options.UseBidAsk)
        {
            var (b, a) = (bars.Bid!, bars.Ask!);
            return new QuoteBarView(b.Open[i], b.High[i], b.Low[i], b.Close[i], a.Open[i], a.High[i], a.Low[i], a.Close[i]);
        }
        var p = bars.Prices(_options.Price);
        double half = _options.ApplyCosts ? f.Source.Instrument.TypicalSpreadPips * f.Source.Instrument.PipSize / 2 : 0;
        return new QuoteBarView(p.Open[i] - half, p.High[i] - half, p.Low[i] - half, p.Close[i] - half, p.Open[i] + half, p.High[i] + half, p.Low[i] + half, p.Close[i] + half);
    }

    private double Slippage(Feed f) => !_options.ApplyCosts ? 0
        : _options.SlippagePips * f.Source.Instrument.PipSize + (double.IsNaN(f.LastAtr) ? 0 : _options.SlippageAtrFraction * f.LastAtr);

    private void FillPending(Feed f, long time, in QuoteBarView bar)
    {
        double units = f.PendingUnits;
        double price = FillRules.Market(units, bar);
        Execute(f, time, units, price, (bar.AskOpen - bar.BidOpen) / 2, f.PendingReason);
        f.PendingUnits = 0;
        if (!f.Position.IsOpen || Math.Sign(f.Position.Units) != Math.Sign(units)) return;
        // Attach exits to the position just opened, measured from its fill price.
        double dir = Math.Sign(f.Position.Units), entry = f.Position.AveragePrice;
        f.Position.StopLoss = double.IsNaN(f.PendingStop) ? double.NaN : entry - dir * f.PendingStop;
        f.Position.TakeProfit = double.IsNaN(f.PendingTake) ? double.NaN : entry + dir * f.PendingTake;
        f.Position.TrailingDistance = f.PendingTrail;
        f.Position.TrailingStop = double.IsNaN(f.PendingTrail) ? double.NaN : entry - dir * f.PendingTrail;
    }

    private void CheckExits(Feed f, long time, in QuoteBarView bar)
    {
        ref var p = ref f.Position;
        double close = -p.Units;
        double stop = Math.Sign(p.Units) > 0 ? Math.Max(Nan(p.StopLoss, double.MinValue), Nan(p.TrailingStop, double.MinValue))
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

    /// <summary>Applies a fill of <paramref name="units"/> at <paramref name="price"/> (before slippage) to the position and cash.</summary>
    private void Execute(Feed f, long time, double units, double price, double halfSpread, string reason)
    {
        var spec = f.Source.Instrument;
        double slip = Slippage(f);
        price += Math.Sign(units) * slip;
        double rate = _converter.Rate(spec.QuoteCurrency);
        double size = Math.Abs(units);
        var costs = new Costs(size * halfSpread * rate, _options.ApplyCosts ? size / spec.LotSize * spec.CommissionPerLot + size * price * spec.CommissionRate * rate : 0, size * slip * rate, 0);
        _cash -= costs.Commission;
        _notional += size * price * rate;
        ref var p = ref f.Position;
        double remaining = units;
        if (p.IsOpen && Math.Sign(p.Units) != Math.Sign(units))
        {
            double closing = Math.Sign(units) * Math.Min(Math.Abs(units), Math.Abs(p.Units));
            double fraction = Math.Abs(closing) / size, share = Math.Abs(closing) / Math.Abs(p.Units);
            double gross = (price - p.AveragePrice) * -closing * rate;
            _cash += gross;
            var tradeCosts = p.Costs.Scale(share) + costs.Scale(fraction);
            _trades.Add(new TradeRecord(spec.Symbol, new DateTime(p.EntryTime, DateTimeKind.Utc), p.AveragePrice, new DateTime(time, DateTimeKind.Utc), price, -closing, gross, tradeCosts, p.EntryReason, reason));
            p.Costs = p.Costs.Scale(1 - share);
            p.Units += closing;
            remaining -= closing;
            costs = costs.Scale(1 - fraction);
            if (p.Units == 0) p.Clear();
        }
        if (remaining == 0) return;
        if (!p.IsOpen) { p.Clear(); (p.EntryTime, p.EntryReason, p.AveragePrice) = (time, reason, price); }
        else p.AveragePrice = (p.AveragePrice * p.Units + price * remaining) / (p.Units + remaining);
        p.Units += remaining;
        p.Costs += costs;
    }

    private void ChargeFinancing(Feed f, long time, double mid)
    {
        long day = _tradingDays.StartOf(time);
        long previous = f.LastDay;
        f.LastDay = day;
        if (!_options.ApplyCosts || previous == long.MinValue || day == previous || !f.Position.IsOpen) return;
        var spec = f.Source.Instrument;
        // Each 17:00 New York rollover passed while the position was open, weekdays only. FX pays
        // three days at Wednesday's (for the weekend settlement), other CFDs at Friday's: 7 a week.
        double days = 0;
        for (long probe = previous + 25 * TimeSpan.TicksPerHour; ; probe += TimeSpan.TicksPerDay)
        {
            long start = _tradingDays.StartOf(probe);
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
        double amount = Math.Abs(f.Position.Units) * mid * annual / 365 * days * _converter.Rate(spec.QuoteCurrency);
        _cash += amount;
        f.Position.Costs += new Costs(0, 0, 0, -amount);
    }

    private double MarkEquity()
    {
        double e = _cash;
        foreach (var f in _feeds)
            if (f.Position.IsOpen && !double.IsNaN(f.LastMark))
                e += (f.LastMark - f.Position.AveragePrice) * f.Position.Units * _converter.Rate(f.Source.Instrument.QuoteCurrency);
        return e;
    }

    private PortfolioSnapshot Snapshot()
    {
        double margin = 0;
        int open = 0;
        foreach (var f in _feeds)
        {
            if (!f.Position.IsOpen) continue;
            open++;
            margin += Math.Abs(f.Position.Units) * f.LastMark * f.Source.Instrument.MarginRate * _converter.Rate(f.Source.Instrument.QuoteCurrency);
        }
        return new PortfolioSnapshot(MarkEquity(), _cash, margin, _peak, _dayStart, open);
    }

    private void CheckStopOut(double equity)
    {
        var snapshot = Snapshot();
        if (snapshot.MarginUsed <= 0 || equity >= snapshot.MarginUsed * _options.StopOutLevel) return;
        foreach (var f in _feeds)
            if (f.Position.IsOpen) (f.PendingUnits, f.PendingReason, f.PendingStop, f.PendingTake, f.PendingTrail) = (-f.Position.Units, "exit:stop_out", double.NaN, double.NaN, double.NaN);
    }
}
