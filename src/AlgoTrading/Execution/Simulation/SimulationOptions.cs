using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Execution.Simulation;

/// <summary>How the simulated execution client fills orders.</summary>
public sealed record SimulationOptions
{
    /// <summary>Stop-loss or take-profit first when one bar reaches both. Default worse first.</summary>
    public SameBarExitOrder SameBarExits { get; init; } = SameBarExitOrder.WorseFirst;
    /// <summary>Charge commission and slippage. Default true.</summary>
    public bool ApplyCosts { get; init; } = true;
    /// <summary>Adverse slippage per fill, in pips. Default 0.</summary>
    public double SlippagePips { get; init; }
    /// <summary>Further adverse slippage per fill as a fraction of the instrument's ATR(<see cref="AtrPeriod"/>) over the bars before the fill. Default 0.</summary>
    public double SlippageAtrFraction { get; init; }
    /// <summary>The ATR period of <see cref="SlippageAtrFraction"/>.</summary>
    public const int AtrPeriod = 14;
    /// <summary>Most units one order can fill on one bar (the liquidity the bar offers); the rest waits for the next bar, or is cancelled for IOC. Default unlimited.</summary>
    public double MaxUnitsPerBar { get; init; } = double.PositiveInfinity;
    /// <summary>The start (UTC ticks) of the trading day a time falls in, which ends <see cref="Orders.TimeInForce.Day"/> orders. Default: the FX day, ending 17:00 New York.</summary>
    public Func<long, long> TradingDayStart { get; init; } = new BarAligner(BarPeriod.D1, TradingSession.Forex).StartOf;
}
