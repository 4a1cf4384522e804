namespace AlgoTrading.Features.Sets.Components;

/// <summary>
/// Another instrument's returns, aligned without look-ahead: at each bar the other instrument's
/// latest bar that closed at or before this bar's close is used, and its return over h of its own
/// bars. Columns <c>gbp_usd_return_log_1</c>, … NaN until enough of its bars have closed.
/// </summary>
internal sealed class CrossInstrumentComponent : IFeatureComponent
{
    private readonly string _instrument;
    private readonly Sets.ReturnKind _kind;
    private readonly int[] _horizons;
    private readonly Func<ICrossSeries> _source;
    private readonly ICrossSeries _series;

    /// <summary>Creates the component; <paramref name="source"/> makes a fresh reader of the other instrument's bars.</summary>
    public CrossInstrumentComponent(string instrument, Sets.ReturnKind kind, IReadOnlyList<int> horizons, Func<ICrossSeries> source)
    {
        (_instrument, _kind, _horizons, _source) = (instrument, kind, [.. horizons], source);
        _series = source();
        var stem = instrument.ToLowerInvariant();
        Columns = _horizons.Select(h => $"{stem}_return_{kind.ToString().ToLowerInvariant()}_{h}").ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        int closed = _series.ClosedBy(bar.CloseTime);
        for (int k = 0; k < _horizons.Length; k++)
        {
            int h = _horizons[k];
            if (closed <= h) { output[k] = double.NaN; continue; }
            double now = _series.Close(closed - 1), old = _series.Close(closed - 1 - h);
            output[k] = _kind == Sets.ReturnKind.Log ? Math.Log(now / old) : now / old - 1;
        }
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new CrossInstrumentComponent(_instrument, _kind, _horizons, _source);
}
