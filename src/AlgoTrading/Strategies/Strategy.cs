using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Strategies.Exits;
using AlgoTrading.Strategies.Signals;
using AlgoTrading.Strategies.Sizing;

namespace AlgoTrading.Strategies;

/// <summary>Which positions a strategy may hold.</summary>
public enum TradingMode
{
    /// <summary>Long or flat: a down signal only closes a long.</summary>
    LongOnly,
    /// <summary>Long, short or flat: an opposite signal reverses.</summary>
    LongShort,
}

/// <summary>What a <see cref="StrategyDecision"/> asks for.</summary>
public enum DecisionKind
{
    /// <summary>A position (<see cref="StrategyDecision.TargetUnits"/>); asking for the position held withdraws a working order.</summary>
    Target,
    /// <summary>Move the stop-loss attached to the position to <see cref="StrategyDecision.EntryPrice"/> (e.g. to break-even); the position stays.</summary>
    MoveStopLoss,
}

/// <summary>
/// A strategy's intent after a closed bar: the position it wants (signed units), the exits to attach
/// to a new position as distances in price units (NaN = none), and how to get there: a market order
/// (default), or a limit or stop order at <see cref="EntryPrice"/> that works until filled or
/// replaced by the next decision. With <see cref="Kind"/> <see cref="DecisionKind.MoveStopLoss"/> it
/// moves the attached stop-loss instead (<see cref="MoveStopLoss"/>).
/// </summary>
public readonly record struct StrategyDecision(double TargetUnits, double StopLossDistance, double TakeProfitDistance, double TrailingDistance, string Reason,
    OrderType EntryType = OrderType.Market, double EntryPrice = double.NaN, DecisionKind Kind = DecisionKind.Target)
{
    /// <summary>Go flat at the next open, for <paramref name="reason"/>.</summary>
    public static StrategyDecision Flat(string reason) => new(0, double.NaN, double.NaN, double.NaN, reason);

    /// <summary>Move the attached stop-loss to <paramref name="stopPrice"/> (quote currency), for <paramref name="reason"/>.</summary>
    public static StrategyDecision MoveStopLoss(double stopPrice, string reason) =>
        new(double.NaN, double.NaN, double.NaN, double.NaN, reason, OrderType.Stop, stopPrice, DecisionKind.MoveStopLoss);
}

/// <summary>
/// What the engines drive: one closed bar at a time with snapshots in, a decision out. Backtest and
/// live trading call the same object, so they make the same decisions on the same bars.
/// </summary>
/// <remarks>
/// Most bars change nothing, so "hold" is the return value and the decision is read only when there
/// is one: a strategy is called on every bar of every run, and a 64-byte result copied and
/// inspected on each of them costs more than the moving averages behind it.
/// </remarks>
public interface IStrategy
{
    /// <summary>The strategy's name.</summary>
    string Name { get; }

    /// <summary>
    /// The price fields of the bar the strategy reads (its time is always set). An engine may leave
    /// the others NaN, and the backtest engine does, which saves reading columns nobody uses. The
    /// default, every field, is always safe.
    /// </summary>
    IndicatorInputs Inputs => IndicatorInputs.All;

    /// <summary>Decides after the close of <paramref name="bar"/>.</summary>
    /// <returns>True when the strategy wants a change, described by <paramref name="decision"/>; false to hold the
    /// position and keep any working order (the engines then ignore <paramref name="decision"/>; set it to <c>default</c>).</returns>
    bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision);
}

/// <summary>
/// A strategy composed of parts that each do one thing: an entry signal, a position sizer and exit
/// rules, in a trading mode. It sees one closed bar at a time plus snapshots of its position and
/// the portfolio, and returns a target position; it never places orders itself, so the same object
/// drives a backtest and a live account.
/// </summary>
public sealed class Strategy(string name, ISignal entry, IPositionSizer sizer, ExitRules exits, TradingMode mode) : IStrategy
{
    private AverageTrueRange _atr = new(exits.AtrPeriod);
    private double _lastAtr = double.NaN;
    // Read on every bar: kept as plain fields rather than looked up through Exits each time.
    private readonly bool _tracksAtr = exits.Unit == DistanceUnit.Atr;
    private readonly int _maxBars = exits.MaxBars ?? int.MaxValue;

    /// <summary>The strategy's name, e.g. <c>sma-cross</c>.</summary>
    public string Name { get; } = name;
    /// <summary>Long-only or long-short.</summary>
    public TradingMode Mode { get; } = mode;
    /// <summary>The exits attached to entries.</summary>
    public ExitRules Exits { get; } = exits;

    /// <summary>What the entry rule reads, plus high, low and close when exits are measured in ATRs.</summary>
    public IndicatorInputs Inputs { get; } = Max(entry.Inputs, exits.Unit == DistanceUnit.Atr ? IndicatorInputs.HighLowClose : IndicatorInputs.Close);

    private static IndicatorInputs Max(IndicatorInputs a, IndicatorInputs b) => a > b ? a : b; // the sets are nested

    /// <inheritdoc />
    public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
    {
        decision = default;
        if (_tracksAtr) _lastAtr = _atr.Next(bar.High, bar.Low, bar.Close);
        int? signal = entry.Update(bar);
        int current = position.Units > 0 ? 1 : position.Units < 0 ? -1 : 0;
        if (current != 0 && position.BarsHeld >= _maxBars && (signal is null || signal == current))
        {
            decision = StrategyDecision.Flat("exit:time");
            return true;
        }
        if (signal is not { } wanted) return false;
        if (Mode == TradingMode.LongOnly && wanted < 0) wanted = 0;
        if (wanted == current) return false;
        if (current != 0 && wanted != 0 && !Exits.ExitOnOppositeSignal) return false;
        if (wanted == 0)
        {
            decision = StrategyDecision.Flat("exit:signal");
            return true;
        }
        return Enter(wanted, current, bar.Close, portfolio, instrument, out decision);
    }

    // Exits and size of a new position: once per trade, so kept out of the per-bar path above.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool Enter(int wanted, int current, double close, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
    {
        double stop = Exits.PriceDistance(Exits.StopLoss, instrument.PipSize, _lastAtr);
        double take = Exits.PriceDistance(Exits.TakeProfit, instrument.PipSize, _lastAtr);
        double trail = Exits.PriceDistance(Exits.Trailing, instrument.PipSize, _lastAtr);
        double units = sizer.Units(close, double.IsNaN(stop) ? trail : stop, portfolio, instrument);
        if (units <= 0)
        {
            // Too small to trade: a position held the other way still closes.
            decision = current != 0 ? StrategyDecision.Flat("exit:signal") : default;
            return current != 0;
        }
        decision = new StrategyDecision(wanted * units, stop, take, trail, current == 0 ? "entry" : "reverse");
        return true;
    }
}
