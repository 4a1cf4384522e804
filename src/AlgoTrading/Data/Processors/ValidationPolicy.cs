namespace AlgoTrading.Data.Processors;

/// <summary>What the validator does with a row that has an issue.</summary>
public enum ValidationPolicy
{
    /// <summary>Stop with a <see cref="DataValidationException"/> naming the first offending row.</summary>
    Fail,
    /// <summary>Leave the row out (counted in the report).</summary>
    Drop,
    /// <summary>
    /// Fix the row where an honest fix exists, otherwise drop it (counted either way):
    /// missing values are forward-filled from the previous close; high and low are swapped when
    /// crossed; high/low are widened to include an open or close outside them; of duplicate
    /// timestamps the last row wins (vendors append corrections); out-of-order rows are sorted into
    /// place. Crossed quotes, non-positive prices and spikes have no fix that does not invent a
    /// price, so they are dropped.
    /// </summary>
    Repair,
    /// <summary>
    /// Report the row and leave it as it is. The default for spikes: a causal detector cannot tell a
    /// bad tick from a real jump (a rate decision, Brexit night), and dropping a real move is worse
    /// than keeping a suspicious one.
    /// </summary>
    Keep,
}
