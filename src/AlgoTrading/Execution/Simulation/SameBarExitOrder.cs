namespace AlgoTrading.Execution.Simulation;

/// <summary>Which exit fills first when one bar reaches both the stop-loss and the take-profit.</summary>
public enum SameBarExitOrder
{
    /// <summary>The stop-loss (the worse outcome): the honest default, since the path inside the bar is unknown.</summary>
    WorseFirst,
    /// <summary>The take-profit.</summary>
    BetterFirst,
}
