using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets.Components;

namespace AlgoTrading.Features.Sets;

/// <summary>
/// A compiled feature set: its components in order and their columns. Compute features for
/// history with <see cref="Compute"/> (indicators run through their batch face, the other
/// components bar by bar) or for live bars with <see cref="CreateStream"/>; both run the same
/// component and kernel code.
/// </summary>
public sealed class FeatureSet
{
    private readonly IReadOnlyList<IFeatureComponent> _components;

    internal FeatureSet(string name, FeatureSetSpec spec, IReadOnlyList<IFeatureComponent> components)
    {
        Name = name;
        Spec = spec;
        _components = components;
        Columns = components.SelectMany(c => c.Columns).ToArray();
        var duplicate = Columns.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"feature set '{name}' defines column '{duplicate.Key}' twice");
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }
    /// <summary>The declaration it was compiled from.</summary>
    public FeatureSetSpec Spec { get; }
    /// <summary>Output columns in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Computes every feature for every bar of <paramref name="bars"/>.</summary>
    public FeatureMatrix Compute(BarSeries bars)
    {
        int n = bars.Count, k = Columns.Count;
        var values = new double[n * k];
        var prices = bars.Prices(Spec.Price);
        var components = _components.Select(c => c.Fresh()).ToArray();

        // Indicators depend on prices only: run their batch face straight into the matrix.
        var columns = BarColumns.Of(bars, Spec.Price);
        int offset = 0;
        var rowWise = new List<(IFeatureComponent Component, int Offset)>();
        foreach (var component in components)
        {
            if (component is IndicatorComponent indicator) indicator.Runner.RunBatch(columns, values.AsSpan(offset * n), n);
            else rowWise.Add((component, offset));
            offset += component.Columns.Count;
        }
        if (rowWise.Count == 0) return new FeatureMatrix(bars.TimeTicks.ToArray(), Columns, values);

        // The others go bar by bar over a row buffer that holds every column written so far.
        var row = new double[k];
        long length = bars.Period.Duration.Ticks;
        var bid = bars.Bid is null ? default : bars.Bid.Close;
        var ask = bars.Ask is null ? default : bars.Ask.Close;
        var volume = bars.Volume;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++) row[c] = values[c * n + i];
            long t = bars.TimeTicks[i];
            var bar = new FeatureBar(t, t + length, prices.Open[i], prices.High[i], prices.Low[i], prices.Close[i],
                volume.IsEmpty ? 0 : volume[i], bid.IsEmpty ? double.NaN : bid[i], ask.IsEmpty ? double.NaN : ask[i]);
            foreach (var (component, start) in rowWise)
            {
                var output = row.AsSpan(start, component.Columns.Count);
                component.Update(bar, row, output);
                for (int c = 0; c < output.Length; c++) values[(start + c) * n + i] = output[c];
            }
        }
        return new FeatureMatrix(bars.TimeTicks.ToArray(), Columns, values);
    }

    /// <summary>A live stream with fresh state: feed closed bars one at a time.</summary>
    public FeatureStream CreateStream() => new(Columns, _components.Select(c => c.Fresh()).ToArray());
}

/// <summary>Features one bar at a time (live trading). O(1) per bar apart from window statistics; nothing is allocated per bar.</summary>
public sealed class FeatureStream
{
    private readonly IFeatureComponent[] _components;
    private readonly double[] _row;

    internal FeatureStream(IReadOnlyList<string> columns, IFeatureComponent[] components)
    {
        Columns = columns;
        _components = components;
        _row = new double[columns.Count];
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Consumes the next closed bar and returns its feature row (valid until the next call).</summary>
    public ReadOnlySpan<double> Update(in FeatureBar bar)
    {
        int offset = 0;
        foreach (var component in _components)
        {
            int width = component.Columns.Count;
            component.Update(bar, _row, _row.AsSpan(offset, width));
            offset += width;
        }
        return _row;
    }

    /// <summary>The bar of <paramref name="bars"/> at <paramref name="index"/> in the form <see cref="Update"/> takes.</summary>
    public static FeatureBar BarOf(BarSeries bars, PriceSource source, int index)
    {
        var p = bars.Prices(source);
        long t = bars.TimeTicks[index];
        return new FeatureBar(t, t + bars.Period.Duration.Ticks, p.Open[index], p.High[index], p.Low[index], p.Close[index],
            bars.Volume.IsEmpty ? 0 : bars.Volume[index], bars.Bid?.Close[index] ?? double.NaN, bars.Ask?.Close[index] ?? double.NaN);
    }
}
