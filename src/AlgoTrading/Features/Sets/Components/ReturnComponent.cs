using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Sets.Components;

/// <summary>Close-to-close returns over horizons h: <c>return_log_h</c> = ln(c / c[h ago]) or <c>return_simple_h</c> = c / c[h ago] − 1. NaN for the first h bars.</summary>
internal sealed class ReturnComponent : IFeatureComponent
{
    private readonly ReturnKind _kind;
    private readonly int[] _horizons;
    private RingBuffer _closes;

    /// <summary>Creates the component.</summary>
    public ReturnComponent(ReturnKind kind, IReadOnlyList<int> horizons, string prefix = "return")
    {
        if (horizons.Count == 0 || horizons.Any(h => h < 1)) throw new ArgumentException("return horizons must be whole numbers of bars ≥ 1");
        (_kind, _horizons, Prefix) = (kind, [.. horizons], prefix);
        _closes = new RingBuffer(_horizons.Max() + 1);
        Columns = _horizons.Select(h => $"{prefix}_{kind.ToString().ToLowerInvariant()}_{h}").ToArray();
    }

    /// <summary>Column-name prefix.</summary>
    public string Prefix { get; }
    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output) => Next(bar.Close, output);

    /// <summary>Adds a close and writes one return per horizon.</summary>
    public void Next(double close, Span<double> output)
    {
        _closes.Push(close);
        for (int k = 0; k < _horizons.Length; k++)
        {
            int h = _horizons[k];
            if (_closes.Count <= h) { output[k] = double.NaN; continue; }
            double old = _closes.Ago(h);
            output[k] = _kind == ReturnKind.Log ? Math.Log(close / old) : close / old - 1;
        }
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new ReturnComponent(_kind, _horizons, Prefix);
}
