namespace AlgoTrading.Domain;

/// <summary>Costs of one fill or one trade, each in the account currency and positive when paid.</summary>
/// <param name="Spread">Half the bid/ask spread times the units (already inside the fill price; shown for analysis).</param>
/// <param name="Commission">Commission charged in cash.</param>
/// <param name="Slippage">Adverse price movement added by the slippage model (inside the fill price; shown for analysis).</param>
/// <param name="Financing">Overnight financing paid (negative when earned), charged in cash.</param>
public readonly record struct Costs(double Spread, double Commission, double Slippage, double Financing)
{
    /// <summary>Field-by-field sum.</summary>
    public static Costs operator +(Costs a, Costs b) =>
        new(a.Spread + b.Spread, a.Commission + b.Commission, a.Slippage + b.Slippage, a.Financing + b.Financing);

    /// <summary>The share <paramref name="fraction"/> of each cost (for splitting a fill between trades).</summary>
    public Costs Scale(double fraction) => new(Spread * fraction, Commission * fraction, Slippage * fraction, Financing * fraction);
}

/// <summary>An execution: signed units at a price (quote currency) at a time (UTC ticks, bar start of the fill bar).</summary>
public readonly record struct Fill(long OrderId, string Instrument, long TimeUtcTicks, double Units, double Price, Costs Costs, string Reason);
