using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Sets.Components;

/// <summary>
/// Realised volatility over w bars, <c>realized_vol_w</c> = sqrt(Σ r²) of the last w one-bar log
/// returns: the volatility of the window, not annualised (multiply by sqrt(bars per year / w) to
/// annualise). NaN until w returns exist.
/// </summary>
internal sealed class VolatilityComponent : IFeatureComponent
{
    private readonly int[] _windows;
    private readonly RollingSum[] _squares;
    private double _previous = double.NaN;

    /// <summary>Creates the component.</summary>
    public VolatilityComponent(IReadOnlyList<int> windows)
    {
        _windows = [.. windows];
        _squares = _windows.Select(w => new RollingSum(w)).ToArray();
        Columns = _windows.Select(w => $"realized_vol_{w}").ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        double r = double.IsNaN(_previous) ? double.NaN : Math.Log(bar.Close / _previous);
        _previous = bar.Close;
        for (int k = 0; k < _windows.Length; k++)
        {
            if (!double.IsNaN(r)) _squares[k].Push(r * r);
            output[k] = _squares[k].IsFull ? Math.Sqrt(Math.Max(0, _squares[k].Sum)) : double.NaN;
        }
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new VolatilityComponent(_windows);
}
