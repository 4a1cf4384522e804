namespace AlgoTrading.Features.Indicators;

/// <summary>
/// The one implementation of an indicator's math: a struct holding O(1)-update state. It has two
/// faces: <see cref="StreamingIndicator{TKernel}"/> for live bars one at a time, and
/// <see cref="IndicatorBatch"/> for spans of history. Both run this same code (the hot kernels'
/// batch face is an array loop of the same arithmetic, tested bit for bit against the update), so
/// they agree exactly. Outputs are NaN until the kernel has seen <see cref="WarmUp"/> + 1 bars (TA-Lib's
/// lookback), never a guess.
/// </summary>
public interface IIndicatorKernel
{
    /// <summary>The bar fields the kernel reads.</summary>
    static abstract IndicatorInputs Inputs { get; }
    /// <summary>Number of outputs written by <see cref="Update"/>.</summary>
    int OutputCount { get; }
    /// <summary>TA-Lib's lookback: the index of the first bar with a valid output.</summary>
    int WarmUp { get; }
    /// <summary>Consumes the next closed bar and writes every output (NaN during warm-up).</summary>
    void Update(in BarInput bar, Span<double> outputs);
    /// <summary>Forgets every bar seen.</summary>
    void Reset();
}
