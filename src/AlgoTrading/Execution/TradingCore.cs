using System.Runtime.CompilerServices;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Accounting;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Risk;
using AlgoTrading.Strategies;
using AlgoTrading.Time;

namespace AlgoTrading.Execution;

/// <summary>
/// The one trading core that the backtest engine and the live runner both drive: bars in; the
/// decision pipeline (strategy, sizing, risk) per instrument; order intents to an
/// <see cref="IExecutionClient"/>; order events back into one <see cref="Accounting.Portfolio"/>.
/// </summary>
/// <remarks>
/// <para>One time step, in this order, so every instrument's prices at that time are known before anything
/// is decided: (1) a new trading day for risk, and overnight financing for every 17:00 New York rollover
/// passed while a position was open (three days for FX on Wednesdays); (2) the simulated client works its
/// orders against the bar: the working order fills at the open, the position's stop-loss, take-profit and
/// trailing stop are checked inside the bar (a broker's fills arrive as events instead, see
/// <see cref="Apply"/>); (3) positions are marked at the close; (4) each strategy sees its closed bar and
/// the same account snapshot, and its intents go to the client (an order decided now fills at the next
/// bar's open at the earliest); (5) equity is recorded and the stop-out checked.</para>
/// <para>It is not thread-safe: the owner calls it, and raises a broker's events, on one thread.</para>
/// </remarks>
public sealed partial class TradingCore : IOrderEventSink
{
    private readonly TradingCoreOptions _options;
    private readonly IExecutionClient _client;
    private readonly SimulatedExecutionClient? _simulated;
    private readonly Slot[] _slots;
    private readonly Dictionary<string, Slot> _bySymbol = new(StringComparer.Ordinal);
    private readonly CurrencyConverter _converter;
    // Financing rolls over at 17:00 New York for every instrument (the broker's day); the risk day
    // follows the traded instrument's session (RiskManager).
    private readonly BarAligner _rollovers = new(BarPeriod.D1, TradingSession.Forex);
    private readonly bool _riskDayIsRollover, _needsRates;
    private readonly long _tradeFrom; // options read on every bar, held here rather than behind the options object
    private readonly OrderHistory _orders = new();
    private readonly List<RiskEvent> _riskEvents = [];
    private readonly List<OrderIntent> _intents = [];
    private readonly ExposureSnapshot _exposure;
    private long _lastOrderId;
    private long _exposedBars, _tradedBars;
    private long _day = long.MinValue;

    /// <summary>One instrument's state in the core; the backtest engine holds its feeds' slots and passes them to the phases.</summary>
    internal sealed class Slot(int index, TradableInstrument instrument, DecisionPipeline? pipeline, Portfolio.Book book)
    {
        public readonly int Index = index;
        public readonly Portfolio.Book Book = book; // the account's side of this instrument, read on every bar
        public readonly TradableInstrument Instrument = instrument;
        public readonly DecisionPipeline? Pipeline = pipeline;
        public readonly string StrategyName = NameOf(pipeline);
        // The stop-out orders' strategy in their client ids, made once: a blown account stops out every position it opens.
        public readonly string StopOutName = NameOf(pipeline) + ":stop_out";
        public InstrumentContext Context = new(instrument.Symbol, instrument.PipSize, 1, instrument.MinimumTradeSize);
        public (int Slot, bool Divide) Route = (-1, false);
        public double Rate = 1;                // quote → account at the latest known prices
        public Order? Working;                 // the working entry order, if any
        public Order? StopLoss;                // the stop-loss attached to the position, if any
        public BarNeed Need;                   // how much of its next bar the simulated client needs: kept current at every order event and bar worked, read on every bar
        public int BarsHeld;
        public double LastMid = double.NaN;    // mid of the latest close, for risk's exposure
        public long LastDay = long.MinValue;

        private static string NameOf(DecisionPipeline? pipeline) => pipeline?.Strategy.Name ?? "core";
    }

    /// <summary>A core trading <paramref name="instruments"/>[i] with <paramref name="strategies"/>[i] (null: an instrument whose prices only convert currencies).</summary>
    /// <exception cref="InvalidOperationException">A traded instrument's P&amp;L cannot be converted to the account currency with the instruments given.</exception>
    public TradingCore(IReadOnlyList<TradableInstrument> instruments, IReadOnlyList<IStrategy?> strategies, TradingCoreOptions options, IExecutionClient client)
    {
        if (instruments.Count != strategies.Count) throw new ArgumentException($"{instruments.Count} instruments but {strategies.Count} strategies: give one (or null) per instrument");
        (_options, _client, _tradeFrom) = (options, client, options.TradeFrom);
        _simulated = client as SimulatedExecutionClient;
        Risk = new RiskManager(options.Risk, options.TradingDay);
        _riskDayIsRollover = ReferenceEquals(Risk.Session, TradingSession.Forex);
        Portfolio = new Portfolio(options.AccountCurrency, options.InitialCash);
        _converter = new CurrencyConverter(options.AccountCurrency);
        _exposure = new ExposureSnapshot(options.AccountCurrency, instruments.Count);
        _slots = new Slot[instruments.Count];
        for (int i = 0; i < instruments.Count; i++)
        {
            var spec = instruments[i];
            if (_bySymbol.ContainsKey(spec.Symbol)) throw new ArgumentException($"{spec.Symbol} is given twice");
            if (_converter.Register(spec.Symbol, spec.BaseCurrency, spec.QuoteCurrency) != i || Portfolio.Register(spec) != i
                || (_simulated is not null && _simulated.IndexOf(spec.Symbol) != i))
                throw new ArgumentException($"{spec.Symbol}: the simulated client must know the instruments in the same order as the core");
            var slot = _slots[i] = new Slot(i, spec, strategies[i] is { } s ? new DecisionPipeline(s, Risk) : null, Portfolio.BookAt(i));
            slot.Need = _simulated?.NeedOf(i) ?? BarNeed.None;
            // The names in this instrument's client order ids are checked here, once, instead of on every order.
            _ = ClientOrderId.For(slot.StrategyName, spec.Symbol, 0, 0);
            _ = ClientOrderId.For(slot.StopOutName, spec.Symbol, 0, 0);
            _bySymbol[spec.Symbol] = slot;
        }
        foreach (var slot in _slots.Where(s => s.Pipeline is not null))
        {
            _converter.Require(slot.Instrument.QuoteCurrency, slot.Instrument.Symbol);
            slot.Route = _converter.Route(slot.Instrument.QuoteCurrency);
        }
        _needsRates = _slots.Any(s => s.Route.Slot >= 0);
        // The simulated client calls the core directly (no event objects); any other client raises events.
        if (_simulated is not null) _simulated.Attach(this);
        else client.Events += OnOrderEvent;
        Risk.StartDay(long.MinValue, options.InitialCash);
        Risk.Observe(options.InitialCash);
    }

    /// <summary>The account: cash, positions, closed trades.</summary>
    public Portfolio Portfolio { get; }
    /// <summary>The risk limits and the account's risk state (<see cref="RiskManager.Export"/> for a restart).</summary>
    public RiskManager Risk { get; }
    /// <summary>Where orders go.</summary>
    public IExecutionClient Client => _client;
    /// <summary>Every order the core created or was told of, in creation order, as of its latest event (refused orders have id 0: never sent).</summary>
    public IReadOnlyList<OrderRecord> Orders => _orders;
    /// <summary>Intended positions risk resized or refused.</summary>
    public IReadOnlyList<RiskEvent> RiskEvents => _riskEvents;
    /// <summary>Traded notional in the account currency (both sides).</summary>
    public double TradedNotional { get; private set; }
    /// <summary>Bars during which a position was open, over all bars of traded instruments.</summary>
    public double Exposure => _tradedBars == 0 ? 0 : (double)_exposedBars / _tradedBars;
    /// <summary>Instruments, in slot order.</summary>
    public IEnumerable<TradableInstrument> Instruments => _slots.Select(s => s.Instrument);

    /// <summary>
    /// One time step (see the remarks on <see cref="TradingCore"/>): the closed <paramref name="bars"/> of the
    /// instruments that have a bar starting at <paramref name="time"/> (UTC ticks), in slot order.
    /// </summary>
    /// <param name="time">The bars' start, UTC ticks.</param>
    /// <param name="bars">One bar per instrument at most.</param>
    /// <param name="act">False to show the strategies the bars without acting on their decisions (warm-up).</param>
    /// <returns>Equity after the step, in the account currency.</returns>
    public double Step(long time, ReadOnlySpan<SlotBar> bars, bool act = true)
    {
        // The mid of each field, computed as the data layer computes mid prices, so a live bar reads as the backtest's.
        Span<BarInput> mids = bars.Length <= 16 ? stackalloc BarInput[bars.Length] : new BarInput[bars.Length];
        for (int i = 0; i < bars.Length; i++)
        {
            var q = bars[i].Bar;
            mids[i] = new BarInput(time, OhlcColumns.Mid(q.BidOpen, q.AskOpen), OhlcColumns.Mid(q.BidHigh, q.AskHigh), OhlcColumns.Mid(q.BidLow, q.AskLow),
                OhlcColumns.Mid(q.BidClose, q.AskClose), bars[i].Volume);
        }
        return Step(time, bars, mids, act);
    }

    /// <summary>
    /// One time step in which the strategies read <paramref name="strategyBars"/> (one per bar, in the same
    /// order) rather than the mids of <paramref name="bars"/>: a run that trades one price series (bid, ask or
    /// mid, with a modelled spread around it) fills on <paramref name="bars"/> and decides on the series itself.
    /// </summary>
    /// <param name="time">The bars' start, UTC ticks.</param>
    /// <param name="bars">One bar per instrument at most: what fills and marks see.</param>
    /// <param name="strategyBars">What each bar's strategy sees.</param>
    /// <param name="act">False to show the strategies the bars without acting on their decisions (warm-up).</param>
    /// <returns>Equity after the step, in the account currency.</returns>
    public double Step(long time, ReadOnlySpan<SlotBar> bars, ReadOnlySpan<BarInput> strategyBars, bool act = true)
    {
        if (strategyBars.Length != bars.Length) throw new ArgumentException($"{bars.Length} bars but {strategyBars.Length} strategy bars: give one per bar", nameof(strategyBars));
        BeginStep(time);
        if (_needsRates)
        {
            foreach (var b in bars) OpenRate(b.Slot, b.Bar.MidOpen);
            UpdateRates();
        }
        foreach (var b in bars)
        {
            var s = _slots[b.Slot];
            Finance(s, b.Bar.MidOpen);
            if (NeedsBar(s) != BarNeed.None) Fill(s, time, b.Bar);
        }
        foreach (var b in bars) Close(_slots[b.Slot], b.Bar.BidClose, b.Bar.AskClose);
        UpdateRates();
        var snapshot = Snapshot();
        for (int i = 0; i < bars.Length; i++) Decide(_slots[bars[i].Slot], time, strategyBars[i], act, snapshot);
        return EndStep(snapshot, time);
    }

    /// <summary>Applies an order event from an asynchronous client (a broker): the core's own subscription does this for clients that raise events themselves.</summary>
    public void Apply(OrderEvent e) => OnOrderEvent(e);

    // ---- The phases of a step. The backtest engine calls them directly so that it reads the full bar only when needed. ----

    /// <summary>Starts the step at <paramref name="time"/>: a new risk day begins with the equity as of the last close.</summary>
    internal void BeginStep(long time)
    {
        _day = _rollovers.StartOf(time);
        long riskDay = _riskDayIsRollover ? _day : Risk.DayOf(time);
        if (riskDay != Risk.Day) Risk.StartDay(riskDay, Portfolio.Equity);
    }

    /// <summary>True when conversion rates come from other instruments' prices (some P&amp;L is not in the account currency).</summary>
    internal bool NeedsRates => _needsRates;

    /// <summary>Records an opening mid for currency conversion (before any fill of the step).</summary>
    internal void OpenRate(int slot, double midOpen) => _converter.Update(slot, midOpen);

    /// <summary>The slot of instrument <paramref name="index"/> (registration order).</summary>
    internal Slot SlotAt(int index) => _slots[index];

    /// <summary>Charges or credits financing of slot <paramref name="s"/> for the rollovers since its last bar.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Finance(Slot s, double midOpen)
    {
        if (_day != s.LastDay) ChargeFinancing(s, _day, midOpen);
    }

    /// <summary>How much of this instrument's bar the simulated client needs (see <see cref="BarNeed"/>); None with a broker's client.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BarNeed NeedsBar(Slot s) => s.Need;

    /// <summary>The simulated client works slot <paramref name="slot"/>'s orders against its bar.</summary>
    internal void Fill(int slot, long time, in QuoteBarView bar) => Fill(_slots[slot], time, bar);

    /// <summary>The simulated client works slot <paramref name="s"/>'s orders against its bar.</summary>
    internal void Fill(Slot s, long time, in QuoteBarView bar)
    {
        if (_simulated is null) return;
        _simulated.OnBar(s.Index, time, bar, s.Rate);
        s.Need = _simulated.NeedOf(s.Index); // finished entries leave, exits placed on fills count, only after the bar
    }

    /// <summary>Marks slot <paramref name="s"/> at its close (and records the mid for conversion).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Close(Slot s, double bidClose, double askClose)
    {
        s.LastMid = (bidClose + askClose) / 2;
        if (_needsRates) _converter.Update(s.Index, s.LastMid);
        Portfolio.Mark(s.Book, bidClose, askClose, s.Rate);
    }

    /// <summary>The account as strategies and risk see it now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal PortfolioSnapshot Snapshot()
    {
        var (equity, margin, open) = Portfolio.Totals();
        return new(equity, Portfolio.Cash, margin, Risk.PeakEquity, Risk.DayStartEquity, open);
    }

    /// <summary>What the strategy of slot <paramref name="slot"/> reads of a bar (every field for an untraded slot).</summary>
    internal IndicatorInputs InputsOf(int slot) => _slots[slot].Pipeline?.Inputs ?? IndicatorInputs.All;

    /// <summary>True when slot <paramref name="slot"/> is traded by a strategy.</summary>
    internal bool IsTraded(int slot) => _slots[slot].Pipeline is not null;

    /// <summary>Slot <paramref name="s"/>'s strategy decides on its closed bar; its intents go to the client.</summary>
    /// <param name="s">The instrument.</param>
    /// <param name="time">The bar's start, UTC ticks (the decision time in the orders' client ids).</param>
    /// <param name="input">The bar as the strategy reads it.</param>
    /// <param name="act">False to warm up only (see <see cref="DecisionPipeline.OnBar"/>).</param>
    /// <param name="portfolio">The account snapshot all decisions of this step share.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Decide(Slot s, long time, in BarInput input, bool act, in PortfolioSnapshot portfolio)
    {
        if (s.Pipeline is not { } pipeline) return;
        _tradedBars++;
        double units = s.Book.Units;
        if (units != 0) { _exposedBars++; s.BarsHeld++; }
        var position = Position(s, units);
        ref readonly var instrument = ref s.Context;
        if (pipeline.OnBar(input, position, portfolio, instrument, act && time >= _tradeFrom, out var decision)) Act(s, time, decision, position, portfolio);
    }

    // A decision: risk sees every instrument's filled and working exposure as of now (gathered only
    // when there is a decision), then the intents go to the client. Once per decision, not per bar.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Act(Slot s, long time, in StrategyDecision decision, in PositionSnapshot position, in PortfolioSnapshot portfolio)
    {
        _exposure.Clear();
        foreach (var o in _slots)
        {
            if (o.Pipeline is null) continue;
            double working = o.Working is { IsWorking: true } w ? w.RemainingUnits : 0;
            _exposure.Add(new InstrumentExposure(o.Instrument.Symbol, o.StrategyName, o.Instrument.BaseCurrency, o.Instrument.QuoteCurrency,
                o.Book.Units, working, o.LastMid, o.Rate, o.Instrument.MarginRate));
        }
        var request = RiskRequest.For(s.Instrument, s.Context, position.Units, position.WorkingUnits, decision.TargetUnits, decision.StopLossDistance, portfolio) with
        {
            Strategy = s.StrategyName, Price = s.LastMid, Time = time, PriceTime = time, Exposure = _exposure,
        };
        s.Pipeline!.Review(decision, request, _intents, out var riskEvent);
        Route(s, time, riskEvent);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PositionSnapshot Position(Slot s, double units)
    {
        double average = units == 0 ? 0 : s.Book.AveragePrice;
        double stop = s.StopLoss is { IsWorking: true } sl ? sl.Request.Price!.Value : double.NaN;
        return s.Working is { IsWorking: true } w
            ? new PositionSnapshot(units, average, s.BarsHeld, w.RemainingUnits, w.Request.Price ?? double.NaN, stop)
            : new PositionSnapshot(units, average, s.BarsHeld, StopLoss: stop);
    }

    /// <summary>Ends the step: the peak equity, and the stop-out when equity fell below the level times the margin.</summary>
    /// <returns>Equity after the step.</returns>
    internal double EndStep(in PortfolioSnapshot snapshot, long time)
    {
        double e = snapshot.Equity;
        Risk.Observe(e);
        if (snapshot.MarginUsed > 0 && e < snapshot.MarginUsed * _options.StopOutLevel) StopOut(time);
        return e;
    }

    /// <summary>The quote-to-account rate a fill of <paramref name="instrument"/> is booked at now (1 for an instrument the core does not trade or know).</summary>
    internal double RateOf(string instrument) => SlotOf(instrument)?.Rate ?? 1;

    /// <summary>Brings every traded instrument's quote-to-account rate up to the latest prices (after opens, and after closes).</summary>
    internal void UpdateRates()
    {
        if (!_needsRates) return; // every traded instrument settles in the account currency
        foreach (var s in _slots)
        {
            if (s.Pipeline is null) continue;
            double rate = _converter.Rate(s.Route);
            if (rate == s.Rate) continue;
            (s.Rate, s.Context) = (rate, s.Context with { QuoteToAccount = rate });
            s.Book.Rate = rate; // the position's value converts at the new rate from now on
        }
    }

    private void ChargeFinancing(Slot s, long day, double mid)
    {
        long previous = s.LastDay;
        s.LastDay = day;
        double units = s.Book.Units;
        if (!_options.ChargeFinancing || previous == long.MinValue || day == previous || units == 0) return;
        Portfolio.ApplyFinancing(s.Instrument.Symbol, OvernightFinancing.Amount(s.Instrument, units, mid, previous, day, _rollovers) * s.Rate);
    }
}
