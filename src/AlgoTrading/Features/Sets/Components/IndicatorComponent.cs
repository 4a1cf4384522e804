using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Sets.Components;

/// <summary>An indicator's columns. Batch runs use the kernel's batch face directly; streams its streaming face.</summary>
internal sealed class IndicatorComponent(IIndicatorRunner runner) : IFeatureComponent
{
    private readonly IStreamingIndicator _stream = runner.CreateStreaming();

    /// <summary>The indicator.</summary>
    public IIndicatorRunner Runner { get; } = runner;
    /// <inheritdoc />
    public IReadOnlyList<string> Columns => Runner.OutputNames;

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        _stream.Update(new BarInput(bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume));
        _stream.Values.CopyTo(output);
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new IndicatorComponent(Runner);
}
