using AlgoTrading.Execution.Simulation;

namespace AlgoTrading.Execution;

/// <summary>One closed bar of the instrument in slot <see cref="Slot"/>, for <see cref="TradingCore.Step(long, ReadOnlySpan{SlotBar}, bool)"/>.</summary>
/// <param name="Slot">The instrument's position in the list given to the core.</param>
/// <param name="Bar">Bid and ask OHLC (single-price data with a modelled half-spread on each side).</param>
/// <param name="Volume">The bar's volume (0 when unknown).</param>
public readonly record struct SlotBar(int Slot, QuoteBarView Bar, double Volume = 0);
