namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Sum and sum of squares of the last N values, for rolling means and population variances in
/// O(1): two <see cref="RollingSum"/>s, one of the values and one of their squares. For prices on a
/// decimal grid the sum and mean are exact; the squares of such prices are on no grid a double can
/// sum exactly, so theirs is a running sum recomputed from the window every 4,096 pushes: the
/// variance carries rounding noise of a few ulps of the squares, but never drifts.
/// </summary>
internal struct RollingVariance
{
    private RollingSum _values, _squares;

    /// <summary>A window of <paramref name="period"/> values.</summary>
    public RollingVariance(int period) => (_values, _squares) = (new RollingSum(period), new RollingSum(period));

    /// <summary>Values in the window.</summary>
    public readonly int Count => _values.Count;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _values.IsFull;
    /// <summary>Sum of the window.</summary>
    public readonly double Sum => _values.Sum;
    /// <summary>Mean of the window (exact for values on a decimal grid, see <see cref="RollingSum.Mean"/>).</summary>
    public readonly double Mean => _values.Mean;
    /// <summary>Sum of the squares of the window.</summary>
    public readonly double SumSquares => _squares.Sum;

    /// <summary>The value <paramref name="ago"/> pushes back (0 = the newest).</summary>
    public readonly double Ago(int ago) => _values.Ago(ago);

    /// <summary>Adds a value, dropping the oldest once full.</summary>
    public void Push(double value)
    {
        _values.Push(value);
        _squares.Push(value * value);
    }

    /// <summary>Population variance of the window, Σx²/n − (Σx/n)² (never negative: rounding can make it slightly so).</summary>
    public readonly double PopulationVariance
    {
        get
        {
            double mean = Mean;
            return Math.Max(0, SumSquares / Count - mean * mean);
        }
    }

    /// <summary>Empties the window.</summary>
    public void Clear() { _values.Clear(); _squares.Clear(); }
}
